package io.supportpro.domain.page;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;

/** Which page of a listing to show, counted from 1, and how many rows a page has. */
public record PageRequest(int number, int size) {
  /** The most rows one page may have, whatever is asked. */
  public static final int MAX_SIZE = 200;

  public PageRequest {
    if (number < 1) {
      throw new InvalidValueException(Problem.Code.PAGE_NUMBER, "Pages are counted from 1.");
    }
    checkSize(size);
  }

  /** Refuses a page size outside 1 to {@link #MAX_SIZE}, for every kind of page request. */
  static void checkSize(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidValueException(
          Problem.Code.PAGE_SIZE, "A page has 1 to " + MAX_SIZE + " rows.", MAX_SIZE);
    }
  }

  /** How many rows come before this page. */
  public long offset() {
    return (long) (number - 1) * size;
  }
}
