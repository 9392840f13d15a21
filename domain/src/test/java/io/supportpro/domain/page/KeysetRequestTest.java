package io.supportpro.domain.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysetRequestTest {
  /** A row of a listing: ordered by key, then by id; several rows share a key. */
  private record Row(String key, String id) {}

  private static final Comparator<Row> ORDER =
      Comparator.comparing(Row::key).thenComparing(Row::id);

  // Eleven rows, keys repeated so that pages split a run of equal keys.
  private static final List<Row> LISTING =
      IntStream.range(0, 11)
          .mapToObj(i -> new Row("k" + i / 3, "id" + (20 - i)))
          .sorted(ORDER)
          .toList();

  /** What a store does: the rows after or before the cursor, in reading order, one too many. */
  private static KeysetPage<Row> read(KeysetRequest request) {
    return read(LISTING, request);
  }

  private static KeysetPage<Row> read(List<Row> listing, KeysetRequest request) {
    return request.read(
        reading -> {
          Optional<Cursor> cursor = reading.cursor();
          return (reading.backwards() ? listing.reversed() : listing)
              .stream()
                  .filter(
                      row ->
                          cursor.isEmpty()
                              || (reading.backwards()
                                  ? ORDER.compare(row, of(cursor.get())) < 0
                                  : ORDER.compare(row, of(cursor.get())) > 0))
                  .limit(reading.rowsToRead())
                  .toList();
        });
  }

  private static Row of(Cursor cursor) {
    return new Row(cursor.key(), cursor.id());
  }

  @ParameterizedTest(name = "pages of {0}")
  @ValueSource(ints = {1, 2, 3, 4, 10, 11, 200})
  void walkingForwardAndBack_showsEveryRowExactlyOnce(int size) {
    List<Row> forward = new ArrayList<>();
    KeysetPage<Row> page = read(KeysetRequest.first(size));
    assertThat(page.hasPrevious()).isFalse();
    forward.addAll(page.items());
    while (page.hasNext()) {
      Row last = page.items().getLast();
      page =
          read(KeysetRequest.at(new Cursor(Cursor.Direction.AFTER, last.key(), last.id()), size));
      assertThat(page.hasPrevious()).isTrue();
      forward.addAll(page.items());
    }
    assertThat(forward).containsExactlyElementsOf(LISTING);

    List<Row> backward = new ArrayList<>(page.items());
    while (page.hasPrevious()) {
      Row first = page.items().getFirst();
      page =
          read(
              KeysetRequest.at(new Cursor(Cursor.Direction.BEFORE, first.key(), first.id()), size));
      assertThat(page.hasNext()).isTrue();
      backward.addAll(0, page.items());
    }
    assertThat(backward).containsExactlyElementsOf(LISTING);
  }

  @Test
  void page_ofAnEmptyListingHasNeitherNeighbour() {
    KeysetPage<Row> page = KeysetRequest.first(5).page(List.of());

    assertThat(page.items()).isEmpty();
    assertThat(page.hasPrevious()).isFalse();
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void page_dropsTheRowReadOnlyToTellThatMoreFollow() {
    KeysetPage<String> page = KeysetRequest.first(2).page(List.of("a", "b", "c"));

    assertThat(page.items()).containsExactly("a", "b");
    assertThat(page.hasNext()).isTrue();
  }

  @Test
  void page_backwardsPutsTheRowsBackInListingOrder() {
    KeysetPage<String> page =
        KeysetRequest.at(new Cursor(Cursor.Direction.BEFORE, "d", "4"), 2)
            .page(List.of("c", "b", "a"));

    assertThat(page.items()).containsExactly("b", "c");
    assertThat(page.hasPrevious()).isTrue();
    assertThat(page.hasNext()).isTrue();
  }

  @Test
  void read_backwardsToTheStartAfterRowsWereRemoved_isTheWholeFirstPage() {
    // Shown: rows 6 to 8, reached forwards; rows 1 to 4 then go, so "Previous" finds rows 0 and 5.
    Row firstShown = LISTING.get(6);
    List<Row> remaining = new ArrayList<>(LISTING);
    remaining.subList(1, 5).clear();

    KeysetPage<Row> previous =
        read(
            remaining,
            KeysetRequest.at(
                new Cursor(Cursor.Direction.BEFORE, firstShown.key(), firstShown.id()), 3));

    assertThat(previous.items()).containsExactlyElementsOf(remaining.subList(0, 3));
    assertThat(previous.hasPrevious()).isFalse();
    assertThat(previous.hasNext()).isTrue();
    assertThat(previous.request()).isEqualTo(KeysetRequest.first(3));
  }

  @Test
  void read_backwardsToTheStartWithNothingLeftAfterIt_offersNoNextPage() {
    Row firstShown = LISTING.get(6);
    List<Row> remaining = List.of(LISTING.get(0), LISTING.get(5));

    KeysetPage<Row> previous =
        read(
            remaining,
            KeysetRequest.at(
                new Cursor(Cursor.Direction.BEFORE, firstShown.key(), firstShown.id()), 3));

    assertThat(previous.items()).containsExactlyElementsOf(remaining);
    assertThat(previous.hasPrevious()).isFalse();
    assertThat(previous.hasNext()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 201})
  void new_refusesSizesOutsideOneToTwoHundred(int size) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> KeysetRequest.first(size))
        .withMessage("A page has 1 to 200 rows.");
  }

  @Test
  void cursor_refusesAnEmptyOrOversizedKeyOrIdentity() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Cursor(Cursor.Direction.AFTER, "", "1"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Cursor(Cursor.Direction.AFTER, "a".repeat(255), "1"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Cursor(Cursor.Direction.BEFORE, "a", ""));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Cursor(Cursor.Direction.BEFORE, "a", "1".repeat(65)));
  }

  @Test
  void count_upToALimitSaysMoreThanTheLimitOnlyWhenItFoundMore() {
    assertThat(Count.upTo(1_000, 1_000)).isEqualTo(new Count(1_000, false));
    assertThat(Count.upTo(1_001, 1_000)).isEqualTo(new Count(1_000, true));
    assertThat(Count.upTo(0, 1_000)).isEqualTo(Count.exactly(0));
  }
}
