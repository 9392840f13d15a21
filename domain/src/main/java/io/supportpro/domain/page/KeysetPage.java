package io.supportpro.domain.page;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of a listing found by {@link KeysetRequest}, in listing order, with whether rows come
 * before and after it; it does not count the listing, which would read all of it.
 */
public record KeysetPage<T>(
    List<T> items, KeysetRequest request, boolean hasPrevious, boolean hasNext) {
  public KeysetPage {
    items = List.copyOf(items);
    Objects.requireNonNull(request, "request");
  }

  /** The same page with every row transformed. */
  public <R> KeysetPage<R> map(Function<? super T, ? extends R> f) {
    return new KeysetPage<>(items.stream().<R>map(f).toList(), request, hasPrevious, hasNext);
  }
}
