package io.supportpro.domain.page;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which page of a listing to show, found from a row rather than counted: the first page, or the
 * rows just after or just before the cursor's row, and how many rows a page has.
 */
public record KeysetRequest(Optional<Cursor> cursor, int size) {
  public KeysetRequest {
    Objects.requireNonNull(cursor, "cursor");
    PageRequest.checkSize(size);
  }

  /** The first page of the listing. */
  public static KeysetRequest first(int size) {
    return new KeysetRequest(Optional.empty(), size);
  }

  /** The page the cursor names. */
  public static KeysetRequest at(Cursor cursor, int size) {
    return new KeysetRequest(Optional.of(cursor), size);
  }

  /** True when the page ends before its cursor, so the rows are read in reverse order. */
  public boolean backwards() {
    return cursor.map(c -> c.direction() == Cursor.Direction.BEFORE).orElse(false);
  }

  /** How many rows to read: one more than a page, which tells whether the listing goes on. */
  public int rowsToRead() {
    return size + 1;
  }

  /**
   * The page that {@code reader} finds for this request: given a request, it reads at most {@link
   * #rowsToRead()} rows in the request's order (reversed when {@link #backwards()}). A backwards
   * read that reaches the start of the listing is read again as the first page, so that rows
   * removed meanwhile leave no short page before the rows that follow it, and whether rows follow
   * is known rather than assumed.
   */
  public <T> KeysetPage<T> read(Function<KeysetRequest, List<T>> reader) {
    List<T> read = reader.apply(this);
    if (backwards() && read.size() < rowsToRead()) {
      KeysetRequest first = first(size);
      return first.page(reader.apply(first));
    }
    return page(read);
  }

  /**
   * The page of the rows read for this request, in the order they were read (reversed when {@link
   * #backwards()}), at most {@link #rowsToRead()} of them; a store reads through {@link #read},
   * which reads the first page again when a backwards read reaches the start.
   */
  public <T> KeysetPage<T> page(List<T> read) {
    boolean more = read.size() > size;
    List<T> items = read.subList(0, Math.min(size, read.size()));
    if (backwards()) {
      return new KeysetPage<>(items.reversed(), this, more, true);
    }
    return new KeysetPage<>(items, this, cursor.isPresent(), more);
  }
}
