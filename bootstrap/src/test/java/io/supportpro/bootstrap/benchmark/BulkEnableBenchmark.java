package io.supportpro.bootstrap.benchmark;

import io.supportpro.application.port.in.PluginOperatorsCommand;
import io.supportpro.application.port.in.PluginOperatorsResult;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.service.PluginOperatorsService;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Measures a plugin's change for every matching operator, as the operators page makes it, over
 * embedded H2 and embedded PostgreSQL with many operators: enabling and disabling all of them, and
 * counting a filtered page. The operators are seeded through the stores, not the pages. It prints
 * figures and asserts nothing.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark -pl bootstrap -am verify -DskipTests -DskipITs}; {@code
 * -Dbenchmark.operators=N} changes the number of operators (100,000 by default).
 */
public final class BulkEnableBenchmark {
  private BulkEnableBenchmark() {}

  /**
   * Seeds the operators into each database, then prints how long each change of all of them takes.
   */
  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("benchmark.operators", 100_000);
    for (BenchmarkDatabase database : BenchmarkDatabase.values()) {
      try (BenchmarkDatabase.Opened opened = database.open()) {
        measure(opened.stores(), database, count);
      }
    }
  }

  private static void measure(Stores stores, BenchmarkDatabase database, int count)
      throws Exception {
    long seconds = BenchmarkDatabase.seed(stores, count);
    PluginOperatorsService service = BenchmarkDatabase.activePlugin(stores);
    System.out.printf(
        "SupportPro bulk-enable benchmark: %d operators on %s (seeded in %d s)%n",
        count, database.label(), seconds);

    Actor admin = Actor.system("benchmark");
    var notEnabled =
        new PluginOperatorFilter(
            "",
            PluginOperatorFilter.Status.NOT_ENABLED,
            Optional.of(Role.OPERATOR),
            Optional.of(true),
            Optional.empty());
    timed(
        database,
        "count and first page of active operators not enabled",
        () -> countAndFirstPage(service, notEnabled) + " of them");
    timed(
        database,
        "enable for all matching operators (one transaction)",
        () -> changed(service.setAll(command(admin, PluginOperatorFilter.EVERYONE, true))));
    timed(
        database,
        "count and first page of active operators not enabled, once all are",
        () -> countAndFirstPage(service, notEnabled) + " of them");
    timed(
        database,
        "disable for all matching operators (one transaction)",
        () -> changed(service.setAll(command(admin, PluginOperatorFilter.EVERYONE, false))));
    timed(
        database,
        "enable again for all matching operators (one transaction)",
        () -> changed(service.setAll(command(admin, PluginOperatorFilter.EVERYONE, true))));
  }

  /** The first page and the exact count, as the page that confirms a change of all counts. */
  private static long countAndFirstPage(
      PluginOperatorsService service, PluginOperatorFilter filter) {
    service.listMatching(FakePromptPlugin.ID, filter, KeysetRequest.first(25)).orElseThrow();
    return service.count(FakePromptPlugin.ID, filter, Long.MAX_VALUE).orElseThrow().value();
  }

  private static PluginOperatorsCommand command(
      Actor admin, PluginOperatorFilter filter, boolean enabled) {
    return new PluginOperatorsCommand(admin, FakePromptPlugin.ID, filter, enabled);
  }

  private static String changed(PluginOperatorsResult result) {
    return switch (result) {
      case PluginOperatorsResult.Changed changed -> changed.count() + " operators changed";
      case PluginOperatorsResult.NotActive notActive -> "refused: not active";
      case PluginOperatorsResult.NotConfigured notConfigured -> "refused: not configured";
    };
  }

  private static void timed(BenchmarkDatabase database, String what, Supplier<String> action) {
    long start = System.nanoTime();
    String outcome = action.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%s: %d ms (%s)%n", what, millis, outcome);
    BenchmarkFigures.record("bulk enable, " + what, database.where(), millis, "ms");
  }
}
