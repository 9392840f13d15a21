package io.supportpro.bootstrap.benchmark;

import static io.supportpro.bootstrap.benchmark.QueryLatencies.measure;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.service.AuditLogService;
import io.supportpro.bootstrap.benchmark.QueryLatencies.Percentiles;
import io.supportpro.bootstrap.benchmark.QueryLatencies.Query;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.operator.OperatorId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Measures what the audit log page asks of the store with a year of entries: the newest page and
 * one far back, by operator (as actor or subject), by type, by time range and their combinations,
 * and an export by operator, on embedded H2 and on embedded PostgreSQL, each seeded with the same
 * entries through the audit log store as the panel writes them. It prints the median, 95th and 99th
 * percentile of each in one table, and asserts nothing.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark -pl bootstrap -am verify -DskipTests -DskipITs}; {@code
 * -Dbenchmark.auditEntries=N} changes the number of entries (1,000,000 by default), {@code
 * -Dbenchmark.seconds=N} how long each query is repeated (8 seconds by default, at least 5 times).
 */
public final class AuditLogBenchmark {
  /** As many entries as the audit page shows at a time. */
  private static final int PAGE_SIZE = 50;

  private static final int OPERATORS = 3_000;
  private static final int ADMINISTRATORS = 40;
  private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant START = END.minus(Duration.ofDays(365));
  private static final Duration DAY = Duration.ofDays(1);

  /** One entry in this many names the quiet operator, who otherwise does nothing. */
  private static final int QUIET_EVERY = 100_000;

  /** One entry in this many is of the rare type. */
  private static final int RARE_EVERY = 20_000;

  private static final AuditEventType RARE_TYPE = AuditEventType.PLUGIN_SETTINGS_CHANGED;

  /** The mix of what operators do, by weight: mostly signing in and out. */
  private static final List<Map.Entry<AuditEventType, Integer>> MIX =
      List.of(
          Map.entry(AuditEventType.PASSWORD_ACCEPTED, 250),
          Map.entry(AuditEventType.SIGN_IN_SUCCEEDED, 300),
          Map.entry(AuditEventType.SIGNED_OUT, 150),
          Map.entry(AuditEventType.SESSION_ENDED, 80),
          Map.entry(AuditEventType.SIGN_IN_FAILED, 80),
          Map.entry(AuditEventType.SECOND_FACTOR_FAILED, 30),
          Map.entry(AuditEventType.ACCESS_DENIED, 25),
          Map.entry(AuditEventType.SIGN_IN_THROTTLED, 10),
          Map.entry(AuditEventType.PASSWORD_CHANGED, 20),
          Map.entry(AuditEventType.TIME_ZONE_CHANGED, 5),
          Map.entry(AuditEventType.TOTP_ENROLLED, 5),
          Map.entry(AuditEventType.OPERATOR_UPDATED, 25),
          Map.entry(AuditEventType.TWO_FACTOR_RESET, 5),
          Map.entry(AuditEventType.OPERATOR_CREATED, 5),
          Map.entry(AuditEventType.PLUGIN_ENABLED_FOR_OPERATOR, 10));

  private static final int MIX_WEIGHT = MIX.stream().mapToInt(Map.Entry::getValue).sum();

  private AuditLogBenchmark() {}

  /** Seeds each database, measures every query on it, then prints the table. */
  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("benchmark.auditEntries", 1_000_000);
    long nanosPerQuery = Long.getLong("benchmark.seconds", 8) * 1_000_000_000L;
    Map<String, Map<BenchmarkDatabase, Percentiles>> table = new LinkedHashMap<>();
    Map<BenchmarkDatabase, Long> seeding = new LinkedHashMap<>();
    for (BenchmarkDatabase database : BenchmarkDatabase.values()) {
      try (BenchmarkDatabase.Opened opened = database.open()) {
        AuditLog log = opened.stores().auditLog();
        long seconds = seed(log, count);
        seeding.put(database, seconds);
        String where = database.where();
        BenchmarkFigures.record("audit log, seeding " + count + " entries", where, seconds, "s");
        System.out.printf(
            "%s: %d audit entries seeded in %d s%n", database.label(), count, seconds);
        // H2 answers a query repeated on a connection from its last result until a table it reads
        // changes. A panel in use writes to its log all the time, so, to time the queries rather
        // than that cache, each one follows an entry appended as a sign-in appends it.
        Runnable write = () -> log.append(entry(0, END.plusSeconds(1)));
        for (var query : queries(new AuditLogService(log, Clock.system()), log, count).entrySet()) {
          Percentiles figures = measure(query.getValue(), write, nanosPerQuery);
          table.computeIfAbsent(query.getKey(), k -> new LinkedHashMap<>()).put(database, figures);
          figures.record("audit log, " + query.getKey(), where);
        }
      }
    }
    print(count, seeding, table);
  }

  /**
   * Appends {@code count} entries through the store, repeats of a refusal counted as the panel
   * counts them, each thread in the order of their times, as {@link ParallelSeeding} adds rows;
   * returns the seconds it took.
   */
  static long seed(AuditLog log, int count) throws Exception {
    long spacing = Duration.between(START, END).toMillis() / count;
    return ParallelSeeding.seconds(count, i -> append(log, i, START.plusMillis(i * spacing)));
  }

  private static void append(AuditLog log, int i, Instant at) {
    AuditEvent event = entry(i, at);
    switch (event.type()) {
      case SIGN_IN_THROTTLED, ACCESS_DENIED ->
          log.appendOrCount(event, RepeatKey.of(event.actor().name(), at, Duration.ofMinutes(15)));
      default -> log.append(event);
    }
  }

  /** The {@code i}-th entry: its type from the mix, its operators a few busy and many less so. */
  private static AuditEvent entry(int i, Instant at) {
    var random = new SplittableRandom(i);
    int who = i % QUIET_EVERY == QUIET_EVERY / 2 ? OPERATORS : busyFirst(random, OPERATORS);
    OperatorId operator = operator(who);
    Actor self = Actor.operator(operator, "operator" + who, address(who));
    if (i % RARE_EVERY == RARE_EVERY / 3) {
      Actor admin = administrator(random);
      return new AuditEvent(at, RARE_TYPE, admin, "fake-prompt", Map.of("changed", "api_hostname"));
    }
    AuditEventType type = type(random.nextInt(MIX_WEIGHT));
    return switch (type) {
      case SIGN_IN_FAILED ->
          new AuditEvent(
              at,
              type,
              Actor.anonymous("operator" + who, address(who)),
              operator.toString(),
              Map.of("reason", "invalid credentials"));
      case ACCESS_DENIED ->
          new AuditEvent(at, type, self, "/admin/operators", Map.of("method", "GET"));
      case SIGN_IN_THROTTLED ->
          new AuditEvent(at, type, Actor.anonymous("operator" + who, address(who)), "", Map.of());
      case OPERATOR_UPDATED, TWO_FACTOR_RESET, OPERATOR_CREATED, PLUGIN_ENABLED_FOR_OPERATOR ->
          new AuditEvent(
              at, type, administrator(random), operator.toString(), Map.of("by", "benchmark"));
      case PASSWORD_ACCEPTED, SIGN_IN_SUCCEEDED ->
          new AuditEvent(at, type, self, operator.toString(), Map.of("second_factor", "totp"));
      default -> AuditEvent.of(at, type, self, operator.toString());
    };
  }

  private static AuditEventType type(int weight) {
    int sum = 0;
    for (var entry : MIX) {
      sum += entry.getValue();
      if (weight < sum) {
        return entry.getKey();
      }
    }
    throw new IllegalStateException("weight " + weight);
  }

  /** Low numbers far more often than high ones, as a few operators do most of the work. */
  private static int busyFirst(SplittableRandom random, int bound) {
    double r = random.nextDouble();
    return (int) (bound * r * r);
  }

  private static Actor administrator(SplittableRandom random) {
    int who = random.nextInt(ADMINISTRATORS);
    return Actor.operator(operator(who), "operator" + who, address(who));
  }

  /** The {@code n}-th operator's identity, the same in every run. */
  private static OperatorId operator(int n) {
    return new OperatorId(
        UUID.nameUUIDFromBytes(("operator" + n).getBytes(StandardCharsets.UTF_8)));
  }

  private static String address(int n) {
    return "192.0." + (n / 250 % 250) + "." + (n % 250 + 1);
  }

  /**
   * Each query a view of the page makes, by what the table calls it; each answers what it found.
   */
  private static Map<String, Query> queries(AuditLogService service, AuditLog log, int count) {
    Optional<OperatorId> busy = Optional.of(operator(0));
    Optional<OperatorId> typical = Optional.of(operator(OPERATORS / 2));
    Optional<OperatorId> quiet = Optional.of(operator(OPERATORS));
    Optional<AuditEventType> common = Optional.of(AuditEventType.SIGN_IN_FAILED);
    Optional<AuditEventType> rare = Optional.of(RARE_TYPE);
    Optional<Long> farBack = Optional.of((long) count / 10);
    Instant middle = START.plus(Duration.ofDays(180));
    Optional<Instant> weekFrom = Optional.of(middle);
    Optional<Instant> weekUntil = Optional.of(middle.plus(Duration.ofDays(7)));
    Optional<Instant> none = Optional.empty();
    Map<String, Query> queries = new LinkedHashMap<>();
    queries.put(
        "all, newest page", () -> page(service, filter(none(), none(), none, none), none()));
    queries.put(
        "all, page far back", () -> page(service, filter(none(), none(), none, none), farBack));
    queries.put("operator, busy", () -> page(service, filter(busy, none(), none, none), none()));
    queries.put(
        "operator, busy, page far back",
        () -> page(service, filter(busy, none(), none, none), farBack));
    queries.put(
        "operator, typical", () -> page(service, filter(typical, none(), none, none), none()));
    queries.put(
        "operator, few entries", () -> page(service, filter(quiet, none(), none, none), none()));
    queries.put("type, common", () -> page(service, filter(none(), common, none, none), none()));
    queries.put(
        "type, common, page far back",
        () -> page(service, filter(none(), common, none, none), farBack));
    queries.put("type, rare", () -> page(service, filter(none(), rare, none, none), none()));
    queries.put("range, a week", newestBetween(service, middle, middle.plus(Duration.ofDays(7))));
    queries.put(
        "range, a day long ago",
        newestBetween(service, START.plus(DAY), START.plus(DAY.multipliedBy(2))));
    queries.put(
        "range, since a month ago",
        () ->
            page(
                service,
                filter(none(), none(), Optional.of(END.minus(Duration.ofDays(30))), none),
                none()));
    queries.put(
        "range, until a month in",
        () ->
            page(
                service,
                filter(none(), none(), none, Optional.of(START.plus(Duration.ofDays(30)))),
                none()));
    queries.put(
        "range, nothing in it",
        newestBetween(service, START.minus(Duration.ofDays(60)), START.minus(DAY)));
    queries.put("operator and type", () -> page(service, filter(busy, common, none, none), none()));
    queries.put(
        "operator and rare type", () -> page(service, filter(busy, rare, none, none), none()));
    queries.put(
        "operator and a week",
        () -> page(service, filter(busy, none(), weekFrom, weekUntil), none()));
    queries.put(
        "type and a week",
        () -> page(service, filter(none(), common, weekFrom, weekUntil), none()));
    queries.put(
        "rare type and a week",
        () -> page(service, filter(none(), rare, weekFrom, weekUntil), none()));
    queries.put(
        "operator, type and a week",
        () -> page(service, filter(busy, common, weekFrom, weekUntil), none()));
    queries.put(
        "export, operator, typical",
        () -> log.forEachMatching(filter(typical, none(), none, none), entry -> {}));
    queries.put(
        "export, operator, few entries",
        () -> log.forEachMatching(filter(quiet, none(), none, none), entry -> {}));
    return queries;
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }

  private static AuditFilter filter(
      Optional<OperatorId> operator,
      Optional<AuditEventType> type,
      Optional<Instant> from,
      Optional<Instant> until) {
    return new AuditFilter(operator, type, from, until);
  }

  /** The query of the newest page of the entries from one instant until another. */
  private static Query newestBetween(AuditLogService service, Instant from, Instant until) {
    return () ->
        page(service, filter(none(), none(), Optional.of(from), Optional.of(until)), none());
  }

  private static long page(AuditLogService service, AuditFilter filter, Optional<Long> olderThan) {
    return service.query(filter, olderThan, PAGE_SIZE).events().size();
  }

  private static String cell(Percentiles p) {
    return p == null ? "-" : p.cell();
  }

  private static void print(
      int count,
      Map<BenchmarkDatabase, Long> seeding,
      Map<String, Map<BenchmarkDatabase, Percentiles>> table) {
    System.out.printf(
        "%nSupportPro audit log: %d entries (seeded in %s), %d cores, page size %d; milliseconds"
            + " p50 / p95 / p99 (samples), entries found on H2%n",
        count,
        String.join(
            ", ",
            seeding.entrySet().stream()
                .map(e -> e.getValue() + " s on " + e.getKey().where())
                .toList()),
        Runtime.getRuntime().availableProcessors(),
        PAGE_SIZE);
    System.out.printf("| %-34s | %-32s | %-32s | %7s |%n", "query", "H2", "PostgreSQL", "found");
    System.out.printf(
        "|%s|%s|%s|%s|%n", "-".repeat(36), "-".repeat(34), "-".repeat(34), "-".repeat(9));
    table.forEach(
        (query, figures) ->
            System.out.printf(
                "| %-34s | %-32s | %-32s | %7d |%n",
                query,
                cell(figures.get(BenchmarkDatabase.H2)),
                cell(figures.get(BenchmarkDatabase.POSTGRESQL)),
                figures.values().iterator().next().found()));
  }
}
