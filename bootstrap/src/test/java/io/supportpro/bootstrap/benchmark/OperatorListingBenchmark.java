package io.supportpro.bootstrap.benchmark;

import static io.supportpro.bootstrap.benchmark.QueryLatencies.measure;

import io.supportpro.application.port.in.OperatorChoice;
import io.supportpro.application.port.in.PluginOperatorsCommand;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.service.ListOperatorsService;
import io.supportpro.application.service.PluginOperatorsService;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.bootstrap.benchmark.QueryLatencies.Percentiles;
import io.supportpro.bootstrap.benchmark.QueryLatencies.Query;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginOperatorFilter.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Measures what the operators pages ask of the stores at scale: the operators list, a deep page of
 * it reached from row to row, and its searches, and a plugin's operators page with each filter, its
 * count and the count of those enabled among them (both counted no further than the page shows), on
 * embedded H2 and on embedded PostgreSQL, each seeded with the same operators through the stores.
 * It prints the median, 95th and 99th percentile of each in one table, records them as the run's
 * figures, and asserts nothing.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark -pl bootstrap -am verify -DskipTests -DskipITs}; {@code
 * -Dbenchmark.operators=N} changes the number of operators (100,000 by default), {@code
 * -Dbenchmark.seconds=N} how long each query is repeated (8 seconds by default, at least 5 times).
 */
public final class OperatorListingBenchmark {
  private static final int PAGE_SIZE = 25;
  private static final String NO_TEXT = "";
  // As far as a plugin's operators page counts before it says "more than".
  private static final long COUNT_LIMIT = 1_000;

  private OperatorListingBenchmark() {}

  /** Seeds each database, measures every query on it, then prints the table. */
  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("benchmark.operators", 100_000);
    long nanosPerQuery = Long.getLong("benchmark.seconds", 8) * 1_000_000_000L;
    Map<String, Map<BenchmarkDatabase, Percentiles>> table = new LinkedHashMap<>();
    for (BenchmarkDatabase database : BenchmarkDatabase.values()) {
      try (BenchmarkDatabase.Opened opened = database.open()) {
        Stores stores = opened.stores();
        long seeded = BenchmarkDatabase.seed(stores, count);
        var plugins = BenchmarkDatabase.activePlugin(stores);
        System.out.printf(
            "%s: %d operators seeded in %d s, the plugin enabled for %d active operators%n",
            database.label(), count, seeded, enableForActiveOperators(plugins));
        var operators = new ListOperatorsService(stores.operators());
        // H2 answers a query repeated on a connection from its last result until a table it reads
        // changes. A panel in use changes them (sign-ins, edits, plugins enabled), so, to time the
        // queries rather than that cache, each one follows a write to the operators and to the
        // plugins' values that changes nothing the pages show.
        Runnable write = writeToTheListedTables(stores);
        for (var query : queries(operators, plugins, count).entrySet()) {
          Percentiles measured = measure(query.getValue(), write, nanosPerQuery);
          table.computeIfAbsent(query.getKey(), k -> new LinkedHashMap<>()).put(database, measured);
          measured.record("operator listing, " + query.getKey(), database.where());
        }
      }
    }
    print(count, table);
  }

  private static Runnable writeToTheListedTables(Stores stores) {
    OperatorId someone = stores.operators().search(NO_TEXT, first()).items().getFirst().id();
    var hash = new PasswordHash("$benchmark$not-a-real-hash");
    var writes = new AtomicLong();
    return () -> {
      stores.operators().setPassword(someone, hash, false);
      stores
          .plugins()
          .setOperatorValueIfActive(
              FakePromptPlugin.ID,
              someone,
              "benchmark-write",
              Optional.of(Long.toString(writes.incrementAndGet())));
    };
  }

  /** Enables the plugin for the active operators, so that each status filter covers some. */
  private static long enableForActiveOperators(PluginOperatorsService plugins) {
    var active = filter(NO_TEXT, Status.ALL, Optional.empty(), Optional.of(true));
    var result =
        plugins.setAll(
            new PluginOperatorsCommand(
                Actor.system("benchmark"), FakePromptPlugin.ID, active, true));
    return switch (result) {
      case io.supportpro.application.port.in.PluginOperatorsResult.Changed changed ->
          changed.count();
      default -> throw new IllegalStateException("Not enabled: " + result);
    };
  }

  /** Each query a page view makes, by what the table calls it; each answers how many it found. */
  private static Map<String, Query> queries(
      ListOperatorsService operators, PluginOperatorsService plugins, int count) {
    String username = BenchmarkDatabase.operator(count * 4 / 10 + 2).username().value();
    String usernamePrefix = username.substring(0, username.length() - 1);
    String email = BenchmarkDatabase.operator(count / 2 + 3).email().value();
    String emailPrefix = email.substring(0, email.indexOf('@') + 4);
    String nameWord = "kowalski";
    int deepPage = Math.max(1, count / PAGE_SIZE * 4 / 5);
    // Where Next leads after walking from the first page to the deep one: the same rows as the
    // offset of page deepPage skipped to before.
    Operator beforeDeepPage = nth(operators, (deepPage - 1) * PAGE_SIZE);
    KeysetRequest deep =
        KeysetRequest.at(beforeDeepPage.position(Cursor.Direction.AFTER), PAGE_SIZE);
    KeysetRequest backFromDeep =
        KeysetRequest.at(beforeDeepPage.position(Cursor.Direction.BEFORE), PAGE_SIZE);
    Map<String, Query> queries = new LinkedHashMap<>();
    queries.put("operators, page 1", () -> operators.list(NO_TEXT, first()).items().size());
    queries.put(
        "operators, page " + deepPage + " (Next)",
        () -> operators.list(NO_TEXT, deep).items().size());
    queries.put(
        "operators, page " + (deepPage - 1) + " (Previous)",
        () -> operators.list(NO_TEXT, backFromDeep).items().size());
    queries.put(
        "search username prefix '" + usernamePrefix + "'",
        () -> operators.list(usernamePrefix, first()).items().size());
    queries.put(
        "search name word '" + nameWord + "'",
        () -> operators.list(nameWord, first()).items().size());
    queries.put(
        "search e-mail '" + emailPrefix + "'",
        () -> operators.list(emailPrefix, first()).items().size());
    Map<String, PluginOperatorFilter> filters = new LinkedHashMap<>();
    filters.put("all", filter(NO_TEXT, Status.ALL, Optional.empty(), Optional.empty()));
    filters.put("enabled", filter(NO_TEXT, Status.ENABLED, Optional.empty(), Optional.empty()));
    filters.put(
        "not enabled", filter(NO_TEXT, Status.NOT_ENABLED, Optional.empty(), Optional.empty()));
    filters.put(
        "administrators",
        filter(NO_TEXT, Status.ALL, Optional.of(Role.ADMINISTRATOR), Optional.empty()));
    filters.put("active", filter(NO_TEXT, Status.ALL, Optional.empty(), Optional.of(true)));
    filters.put("not active", filter(NO_TEXT, Status.ALL, Optional.empty(), Optional.of(false)));
    filters.put(
        "name word '" + nameWord + "'",
        filter(nameWord, Status.ALL, Optional.empty(), Optional.empty()));
    filters.put(
        "not enabled, username prefix",
        filter(usernamePrefix, Status.NOT_ENABLED, Optional.empty(), Optional.empty()));
    for (var entry : filters.entrySet()) {
      PluginOperatorFilter filter = entry.getValue();
      queries.put(
          "plugin page: " + entry.getKey(),
          () ->
              plugins
                  .listMatching(FakePromptPlugin.ID, filter, first())
                  .orElseThrow()
                  .items()
                  .size());
      queries.put(
          "plugin page: " + entry.getKey() + ", count", () -> countAsShown(plugins, filter));
      if (filter.status() != Status.NOT_ENABLED) {
        var enabledAmong = filter(filter.text(), Status.ENABLED, filter.role(), filter.active());
        queries.put(
            "plugin page: " + entry.getKey() + ", count enabled",
            () -> countAsShown(plugins, enabledAmong));
      }
    }
    PluginOperatorFilter enabled = filters.get("enabled");
    Operator beforeDeepEnabled = nthEnabled(plugins, enabled, (deepPage - 1) * PAGE_SIZE * 9 / 10);
    KeysetRequest deepEnabled =
        KeysetRequest.at(beforeDeepEnabled.position(Cursor.Direction.AFTER), PAGE_SIZE);
    queries.put(
        "plugin page: enabled, page " + (deepPage * 9 / 10) + " (Next)",
        () ->
            plugins
                .listMatching(FakePromptPlugin.ID, enabled, deepEnabled)
                .orElseThrow()
                .items()
                .size());
    queries.put(
        "confirm a change of all: exact count, enabled",
        () -> plugins.count(FakePromptPlugin.ID, enabled, Long.MAX_VALUE).orElseThrow().value());
    return queries;
  }

  /** The count a plugin's operators page shows: exact up to its limit, else "more than". */
  private static long countAsShown(PluginOperatorsService plugins, PluginOperatorFilter filter) {
    return plugins.count(FakePromptPlugin.ID, filter, COUNT_LIMIT).orElseThrow().value();
  }

  /**
   * The operator at this index (from 0) of the list, reached by Next, as an administrator would.
   */
  private static Operator nth(ListOperatorsService operators, int index) {
    return walk(request -> operators.list(NO_TEXT, request), operator -> operator, index);
  }

  /** The operator at this index of a plugin's filtered list, reached by Next. */
  private static Operator nthEnabled(
      PluginOperatorsService plugins, PluginOperatorFilter filter, int index) {
    return walk(
            request -> plugins.listMatching(FakePromptPlugin.ID, filter, request).orElseThrow(),
            OperatorChoice::operator,
            index)
        .operator();
  }

  private static <T> T walk(
      Function<KeysetRequest, KeysetPage<T>> list, Function<T, Operator> operatorOf, int index) {
    KeysetPage<T> page = list.apply(KeysetRequest.first(PageRequest.MAX_SIZE));
    int before = 0;
    while (index >= before + page.items().size()) {
      before += page.items().size();
      Operator operator = operatorOf.apply(page.items().getLast());
      page =
          list.apply(
              KeysetRequest.at(operator.position(Cursor.Direction.AFTER), PageRequest.MAX_SIZE));
    }
    return page.items().get(index - before);
  }

  private static PluginOperatorFilter filter(
      String text, Status status, Optional<Role> role, Optional<Boolean> active) {
    return new PluginOperatorFilter(text, status, role, active, Optional.empty());
  }

  private static KeysetRequest first() {
    return KeysetRequest.first(PAGE_SIZE);
  }

  private static String cell(Percentiles p) {
    return p == null ? "-" : p.cell();
  }

  private static void print(int count, Map<String, Map<BenchmarkDatabase, Percentiles>> table) {
    System.out.printf(
        "%nSupportPro operator listings: %d operators, %d cores, page size %d; milliseconds"
            + " p50 / p95 / p99 (samples), rows read or counted%n",
        count, Runtime.getRuntime().availableProcessors(), PAGE_SIZE);
    System.out.printf("| %-50s | %-32s | %-32s | %7s |%n", "query", "H2", "PostgreSQL", "found");
    System.out.printf(
        "|%s|%s|%s|%s|%n", "-".repeat(52), "-".repeat(34), "-".repeat(34), "-".repeat(9));
    table.forEach(
        (query, figures) -> {
          System.out.printf(
              "| %-50s | %-32s | %-32s | %7d |%n",
              query,
              cell(figures.get(BenchmarkDatabase.H2)),
              cell(figures.get(BenchmarkDatabase.POSTGRESQL)),
              figures.values().iterator().next().found());
        });
  }
}
