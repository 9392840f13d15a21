package io.supportpro.domain.page;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
   * The page of the rows read for this request, in the order they were read (reversed when {@link
   * #backwards()}), at most {@link #rowsToRead()} of them.
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
