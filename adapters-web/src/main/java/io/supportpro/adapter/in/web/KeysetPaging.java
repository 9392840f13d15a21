package io.supportpro.adapter.in.web;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.page.KeysetPage;
import java.util.function.Function;

/**
 * First, Previous and Next links for a list paged from row to row: each leads to the rows before
 * the first row shown or after the last, so that it costs the same however deep it lies.
 */
record KeysetPaging(String first, String previous, String next) {
  /**
   * The paging of the page; {@code link} gives the address of a position. A page found empty (its
   * rows removed meanwhile) still leads back to the first.
   */
  static <T> KeysetPaging of(
      KeysetPage<T> page,
      Function<? super T, Operator> operator,
      Function<PagePosition, String> link) {
    boolean empty = page.items().isEmpty();
    boolean anywhereElse = page.request().cursor().isPresent();
    return new KeysetPaging(
        anywhereElse && (page.hasPrevious() || empty) ? link.apply(PagePosition.FIRST) : null,
        page.hasPrevious() && !empty
            ? link.apply(PagePosition.before(operator.apply(page.items().getFirst())))
            : null,
        page.hasNext() && !empty
            ? link.apply(PagePosition.after(operator.apply(page.items().getLast())))
            : null);
  }

  /** Whether the list needs its paging line. */
  public boolean shown() {
    return first != null || previous != null || next != null;
  }
}
