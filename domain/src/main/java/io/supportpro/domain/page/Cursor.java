package io.supportpro.domain.page;

import java.util.Objects;

/**
 * The row a page of a listing begins after or ends before, named by its sort key and identity, so
 * that a page costs the same however deep it lies and rows added or removed meanwhile shift
 * nothing.
 *
 * @param key the row's sort key, such as a username
 * @param id the row's identity, which orders rows with the same key
 */
public record Cursor(Direction direction, String key, String id) {
  /** The longest sort key a listing orders by: a username, as long as its column allows. */
  public static final int MAX_KEY_LENGTH = 128;

  /** The longest identity (a UUID has 36 characters). */
  public static final int MAX_ID_LENGTH = 64;

  /** Whether the page holds the rows after the cursor's row or those before it. */
  public enum Direction {
    AFTER,
    BEFORE
  }

  public Cursor {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "A position's key has 1 to " + MAX_KEY_LENGTH + " characters.");
    }
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "A position's identity has 1 to " + MAX_ID_LENGTH + " characters.");
    }
  }
}
