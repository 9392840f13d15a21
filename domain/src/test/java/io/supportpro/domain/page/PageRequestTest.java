package io.supportpro.domain.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {
  @ParameterizedTest(name = "page {0} of {1} rows starts after {2}")
  @CsvSource({"1, 20, 0", "2, 20, 20", "3, 20, 40", "1, 1, 0", "5, 200, 800", "10, 7, 63"})
  void offset_countsTheRowsOfTheEarlierPages(int number, int size, long offset) {
    assertThat(new PageRequest(number, size).offset()).isEqualTo(offset);
  }

  @Test
  void offset_doesNotOverflowForTheLastPossiblePage() {
    assertThat(new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_SIZE).offset())
        .isEqualTo((Integer.MAX_VALUE - 1L) * PageRequest.MAX_SIZE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void new_refusesPagesBeforeTheFirst(int number) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PageRequest(number, 20))
        .withMessage("Pages are counted from 1.");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 201, Integer.MAX_VALUE})
  void new_refusesSizesOutsideOneToTwoHundred(int size) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PageRequest(1, size))
        .withMessage("A page has 1 to 200 rows.");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 199, 200})
  void new_acceptsSizesFromOneToTwoHundred(int size) {
    assertThat(new PageRequest(1, size).size()).isEqualTo(size);
  }
}
