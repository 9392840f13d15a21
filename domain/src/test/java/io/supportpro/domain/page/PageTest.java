package io.supportpro.domain.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTest {
  private static Page<String> page(int number, int size, long total) {
    return new Page<>(List.of(), new PageRequest(number, size), total);
  }

  @ParameterizedTest(name = "{0} rows in pages of {1}: {2} pages")
  @CsvSource({
    "0,   20, 1",
    "1,   20, 1",
    "19,  20, 1",
    "20,  20, 1",
    "21,  20, 2",
    "40,  20, 2",
    "41,  20, 3",
    "10000, 200, 50",
    "10001, 200, 51",
    "5,   1,  5"
  })
  void pageCount_roundsUpAndIsAtLeastOne(long total, int size, long pages) {
    assertThat(page(1, size, total).pageCount()).isEqualTo(pages);
  }

  @Test
  void theOnlyPageHasNeitherNextNorPrevious() {
    Page<String> only = page(1, 20, 20);

    assertThat(only.hasNext()).isFalse();
    assertThat(only.hasPrevious()).isFalse();
  }

  @Test
  void anEmptyListingHasNeitherNextNorPrevious() {
    Page<String> empty = page(1, 20, 0);

    assertThat(empty.hasNext()).isFalse();
    assertThat(empty.hasPrevious()).isFalse();
  }

  @Test
  void theFirstOfSeveralPagesHasOnlyNext() {
    Page<String> first = page(1, 20, 41);

    assertThat(first.hasNext()).isTrue();
    assertThat(first.hasPrevious()).isFalse();
  }

  @Test
  void aMiddlePageHasNextAndPrevious() {
    Page<String> middle = page(2, 20, 41);

    assertThat(middle.hasNext()).isTrue();
    assertThat(middle.hasPrevious()).isTrue();
  }

  @Test
  void theLastPageHasOnlyPrevious() {
    Page<String> last = page(3, 20, 41);

    assertThat(last.hasNext()).isFalse();
    assertThat(last.hasPrevious()).isTrue();
  }

  @Test
  void aPageBeyondTheEndHasOnlyPrevious() {
    Page<String> beyond = page(9, 20, 41);

    assertThat(beyond.hasNext()).isFalse();
    assertThat(beyond.hasPrevious()).isTrue();
  }

  @Test
  void map_transformsEveryRowAndKeepsRequestAndTotal() {
    var request = new PageRequest(2, 3);
    var page = new Page<>(List.of("a", "bb", "ccc"), request, 8);

    Page<Integer> lengths = page.map(String::length);

    assertThat(lengths.items()).containsExactly(1, 2, 3);
    assertThat(lengths.request()).isEqualTo(request);
    assertThat(lengths.total()).isEqualTo(8);
  }

  @Test
  void items_areACopyThatCannotBeChanged() {
    List<String> items = new ArrayList<>(List.of("a", "b"));
    var page = new Page<>(items, new PageRequest(1, 20), 2);

    items.add("c");

    assertThat(page.items()).containsExactly("a", "b");
    assertThatThrownBy(() -> page.items().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void new_refusesANegativeTotal() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> page(1, 20, -1))
        .withMessage("A listing cannot have fewer than zero rows.");
  }

  @Test
  void new_refusesMissingParts() {
    assertThatNullPointerException().isThrownBy(() -> new Page<>(List.of(), null, 0));
    assertThatNullPointerException()
        .isThrownBy(() -> new Page<String>(null, new PageRequest(1, 1), 0));
    assertThatNullPointerException()
        .isThrownBy(() -> new Page<>(Arrays.asList("a", null), new PageRequest(1, 2), 2));
  }
}
