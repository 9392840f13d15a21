package io.supportpro.domain.page;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** One page of a listing, with how many rows the whole listing has. */
public record Page<T>(List<T> items, PageRequest request, long total) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(request, "request");
    if (total < 0) {
      throw new IllegalArgumentException("A listing cannot have fewer than zero rows.");
    }
  }

  /** How many pages the whole listing has (at least one, even when it is empty). */
  public long pageCount() {
    return Math.max(1, (total + request.size() - 1) / request.size());
  }

  /** True when a later page exists. */
  public boolean hasNext() {
    return request.number() < pageCount();
  }

  /** True when an earlier page exists. */
  public boolean hasPrevious() {
    return request.number() > 1;
  }

  /** The same page with every row transformed. */
  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    return new Page<>(items.stream().<R>map(f).toList(), request, total);
  }
}
