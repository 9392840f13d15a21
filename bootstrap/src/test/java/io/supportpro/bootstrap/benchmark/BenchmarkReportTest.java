package io.supportpro.bootstrap.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.bootstrap.benchmark.BenchmarkReport.Figure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
  private static final Figure LISTING_H2 = new Figure("listing, by name: p95", "H2", 2.5, "ms");
  private static final Figure SIGN_IN = new Figure("sign-in, median", "", 40, "/s");
  private static final Figure OTHER_H2 = new Figure("listing, by role: p95", "H2", 3.25, "ms");
  private static final Figure LISTING_PG =
      new Figure("listing, by name: p95", "PostgreSQL", 4, "ms");

  @Test
  void ordered_keepsGroupsInTheirFirstOrder_andEachFiguresPlacesTogether() {
    assertThat(BenchmarkReport.ordered(List.of(LISTING_H2, SIGN_IN, OTHER_H2, LISTING_PG)))
        .containsExactly(LISTING_H2, LISTING_PG, OTHER_H2, SIGN_IN);
  }

  @Test
  void table_withoutPrevious_hasNoComparisonColumns() {
    String table = BenchmarkReport.table(List.of(SIGN_IN), null);

    assertThat(table.lines().toList())
        .containsExactly(
            "| figure          | where | value | unit |",
            "| --------------- | ----- | ----- | ---- |",
            "| sign-in, median | -     |    40 | /s   |");
  }

  @Test
  void table_withPrevious_showsItAndTheChange_andNewFiguresAsNew() {
    String table =
        BenchmarkReport.table(
            List.of(LISTING_H2, LISTING_PG),
            Map.of(LISTING_H2.key(), new Figure("listing, by name: p95", "H2", 2, "ms")));

    assertThat(table.lines().toList())
        .containsExactly(
            "| figure                | where      | value | unit | previous | change |",
            "| --------------------- | ---------- | ----- | ---- | -------- | ------ |",
            "| listing, by name: p95 | H2         |  2.50 | ms   |        2 |  +25 % |",
            "| listing, by name: p95 | PostgreSQL |     4 | ms   |        - |    new |");
  }
}
