package io.supportpro.domain.page;

/**
 * How many rows a listing has, counted no further than a limit: exactly {@code value}, or, when
 * {@code more}, more than {@code value}.
 */
public record Count(long value, boolean more) {
  public Count {
    if (value < 0) {
      throw new IllegalArgumentException("A count cannot be below zero.");
    }
  }

  /**
   * The count of a listing read up to one row past {@code limit}: {@code counted} rows were found.
   */
  public static Count upTo(long counted, long limit) {
    return counted > limit ? new Count(limit, true) : new Count(counted, false);
  }

  /** An exact count. */
  public static Count exactly(long value) {
    return new Count(value, false);
  }
}
