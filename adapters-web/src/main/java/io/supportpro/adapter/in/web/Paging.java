package io.supportpro.adapter.in.web;

import io.supportpro.domain.page.Page;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Previous and Next links and "page X of Y" for a paged list. */
record Paging(long number, long count, String previous, String next) {
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

  /**
   * The paging of the page; {@code link} gives the address of a page number. Past the end, Previous
   * leads back to the last page.
   */
  static Paging of(Page<?> page, Function<String, String> link) {
    long number = page.request().number();
    return new Paging(
        number,
        page.pageCount(),
        page.hasPrevious()
            ? link.apply(Long.toString(Math.min(number - 1, page.pageCount())))
            : null,
        page.hasNext() ? link.apply(Long.toString(number + 1)) : null);
  }

  /**
   * Whether the list needs its paging line: it spans more than one page, or the page asked for lies
   * past the end and Previous leads back.
   */
  public boolean shown() {
    return count > 1 || previous != null || next != null;
  }

  /**
   * The page number asked for, 1 when none was.
   *
   * @throws Halt a 400 page when the text is not a whole number of at least 1
   */
  static int pageNumber(String text) {
    if (text.isEmpty()) {
      return 1;
    }
    int number = NUMBER.matcher(text).matches() ? Integer.parseInt(text) : 0;
    if (number < 1) {
      throw Halt.badRequest("error.page-number");
    }
    return number;
  }
}
