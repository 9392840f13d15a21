package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.JooqUnitOfWorkIT.unitOfWork;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.PasswordResetLink;
import io.supportpro.application.port.out.PendingSignIn;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginOperatorFilter.Status;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every statement the adapters run can be answered from an index, on both databases: no plan scans
 * a table (on PostgreSQL with scans and sorts priced out, since its tables are tiny here), and each
 * page of the audit log is read from an index in its order (time, then position), and each page of
 * the operators in username order, rather than sorted, so that it costs the same however long the
 * log or the list grows, whatever its filters and time range. Searches of operators read their
 * terms' prefix index. One statement scans by design and is left out: listing every installed
 * plugin (a handful).
 */
class QueryPlansIT {
  private static final PluginId PROMPT = FakePromptPlugin.ID;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void everyStatementUsesAnIndex(TestDatabase database) throws Exception {
    DatabaseSettings settings = database.freshSettings();
    Persistence.migrate(settings);
    Set<String> statements = new LinkedHashSet<>();
    try (HikariDataSource pool = pool(settings)) {
      exerciseEveryAdapter(recording(pool, database, statements));
    }

    List<String> scanning = new ArrayList<>();
    List<String> sorting = new ArrayList<>();
    try (Connection connection = TestDatabase.connect(settings);
        Statement statement = connection.createStatement()) {
      if (database == TestDatabase.POSTGRES) {
        // The tables are nearly empty, so price out what is cheapest only for tiny tables: a plan
        // still scans or sorts only if no index can serve the statement.
        statement.execute("SET enable_seqscan = off");
        statement.execute("SET enable_bitmapscan = off");
        statement.execute("SET enable_sort = off");
      }
      for (String sql : statements) {
        if (exempt(sql)) {
          continue;
        }
        String plan = explain(statement, sql);
        boolean scans =
            database == TestDatabase.H2 ? plan.contains(".tableScan") : plan.contains("Seq Scan");
        if (scans) {
          scanning.add(sql + "\n" + plan);
        }
        if (isAuditPage(sql) || isOperatorPage(sql)) {
          boolean sorted =
              database == TestDatabase.H2 ? plan.contains("index sorted") : !plan.contains("Sort");
          if (!sorted) {
            sorting.add(sql + "\n" + plan);
          }
        }
      }
    }

    assertThat(statements).hasSizeGreaterThan(30);
    assertThat(scanning).isEmpty();
    assertThat(sorting).isEmpty();
  }

  /** A context on the pool that adds the text of every statement it runs to the set. */
  private static DSLContext recording(
      HikariDataSource pool, TestDatabase database, Set<String> statements) {
    return DSL.using(
            pool,
            database == TestDatabase.H2 ? SQLDialect.H2 : SQLDialect.POSTGRES,
            new Settings().withExecuteLogging(false))
        .configuration()
        .derive(
            new DefaultExecuteListenerProvider(
                ExecuteListener.onExecuteStart(
                    ctx -> {
                      if (ctx.query() != null) {
                        statements.add(ctx.query().getSQL(ParamType.INLINED));
                      }
                    })))
        .dsl();
  }

  /**
   * The counts of the operators a plugin is enabled for that used to read far more than they count:
   * among the inactive operators and among the administrators (PostgreSQL read every value of the
   * plugin to find none), and the exact count of all of them on the page that confirms a change of
   * all (both databases read every operator and looked its value up). Each now reads an index made
   * for it: the role's, on PostgreSQL the activity's with each value looked up by its key, and on
   * H2 the plugin's marked values.
   */
  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void theCountsOfTheEnabledReadTheirIndexes(TestDatabase database) throws Exception {
    DatabaseSettings settings = database.freshSettings();
    Persistence.migrate(settings);
    var marker = new PluginRepository.Marker("enabled", "true");
    var inactive =
        new PluginOperatorFilter(
            "", Status.ENABLED, Optional.empty(), Optional.of(false), Optional.empty());
    var administrators =
        new PluginOperatorFilter(
            "",
            Status.ENABLED,
            Optional.of(Role.ADMINISTRATOR),
            Optional.empty(),
            Optional.empty());
    var everyoneEnabled =
        new PluginOperatorFilter(
            "", Status.ENABLED, Optional.empty(), Optional.empty(), Optional.empty());
    Set<String> inactiveCount = new LinkedHashSet<>();
    Set<String> administratorsCount = new LinkedHashSet<>();
    Set<String> exactCount = new LinkedHashSet<>();
    try (HikariDataSource pool = pool(settings)) {
      var operators = new JooqOperatorRepository(recording(pool, database, new LinkedHashSet<>()));
      var plugins = new JooqPluginRepository(recording(pool, database, new LinkedHashSet<>()));
      var hash = new PasswordHash("$test$hash");
      Operator alice = operator("alice");
      operators.add(alice, hash);
      operators.add(administrator("root"), hash);
      operators.add(operator("gone").withActive(false), hash);
      plugins.transition(PROMPT, PluginState.AVAILABLE, PluginState.ACTIVE);
      plugins.setOperatorValueIfActive(PROMPT, alice.id(), "enabled", Optional.of("true"));

      new JooqPluginRepository(recording(pool, database, inactiveCount))
          .count(PROMPT, marker, inactive, 1_001);
      new JooqPluginRepository(recording(pool, database, administratorsCount))
          .count(PROMPT, marker, administrators, 1_001);
      new JooqPluginRepository(recording(pool, database, exactCount))
          .count(PROMPT, marker, everyoneEnabled, Long.MAX_VALUE);
    }

    try (Connection connection = TestDatabase.connect(settings);
        Statement statement = connection.createStatement()) {
      if (database == TestDatabase.POSTGRES) {
        statement.execute("SET enable_seqscan = off");
        statement.execute("SET enable_bitmapscan = off");
      }
      String inactivePlan = explain(statement, counting(inactiveCount));
      String administratorsPlan = explain(statement, counting(administratorsCount));
      String exactPlan = explain(statement, counting(exactCount));
      assertThat(administratorsPlan).contains("operator_role_active_id_ix");
      if (database == TestDatabase.H2) {
        assertThat(inactivePlan).contains("plugin_operator_value_marked_ix");
        assertThat(exactPlan)
            .contains("plugin_operator_value_marked_ix")
            .doesNotContain("\"operator\"");
      } else {
        assertThat(inactivePlan).contains("operator_active_username_id_ix");
        // Each operator's value is looked up by its key, never all the plugin's values joined.
        for (String plan : List.of(inactivePlan, administratorsPlan)) {
          assertThat(plan).contains("SubPlan").doesNotContain("Hash").doesNotContain("Merge");
        }
        assertThat(exactPlan)
            .contains("on plugin_operator_value")
            .doesNotContainPattern("on operator\\b");
      }
    }
  }

  /** The statement that counted: the last one run (after the size of the role or activity). */
  private static String counting(Set<String> statements) {
    return statements.stream().reduce((first, second) -> second).orElseThrow();
  }

  private static String explain(Statement statement, String sql) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static boolean exempt(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    boolean listAllPlugins =
        lower.equals(
            "select \"installed_plugin\".\"plugin_id\", \"installed_plugin\".\"state\" from"
                + " \"installed_plugin\"");
    return listAllPlugins || lower.startsWith("insert ");
  }

  /**
   * A page of all operators in username order, from the start or from a cursor's row, which the
   * {@code (username, id)} index serves in order, so that a deep page costs what the first does.
   * (Filtered pages are left to the planner: on these tiny tables it rightly sorts the few rows a
   * filter leaves.)
   */
  private static boolean isOperatorPage(String sql) {
    return sql.contains("from \"operator\" ")
        && sql.contains("order by \"operator\".\"username\"")
        && !sql.matches("(?s).*(\"role\"|\"active\"|exists|\" in \\().*");
  }

  /**
   * A page of the audit log (or an export without an operator): ordered, and not the union of an
   * export by operator, which the database sorts by design as it reads every match anyway.
   */
  private static boolean isAuditPage(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    return lower.startsWith("select")
        && lower.contains("from \"audit_event\"")
        && lower.contains(" order by ")
        && !lower.contains(" union ");
  }

  private static void exerciseEveryAdapter(DSLContext dsl) {
    var operators = new JooqOperatorRepository(dsl);
    var plugins = new JooqPluginRepository(dsl);
    var audit = new JooqAuditLog(dsl, unitOfWork(dsl));
    var hash = new PasswordHash("$test$hash");

    Operator alice = operator("alice");
    operators.add(alice, hash);
    operators.add(administrator("root"), hash);
    operators.add(operator("alice"), hash);
    operators.add(
        operator("other").withProfile(alice.email(), alice.displayName(), alice.role()), hash);
    operators.update(alice.id(), OperatorChanges.active(false));
    operators.update(operator("nobody").id(), OperatorChanges.active(false));
    operators.changePasswordHash(alice.id(), hash, hash, false);
    operators.setPassword(alice.id(), hash, true);
    operators.findById(alice.id());
    operators.findAccount(alice.id());
    operators.findAccount("alice");
    operators.findAccount("alice@example.com");
    operators.search("", KeysetRequest.first(20));
    operators.search("", KeysetRequest.at(alice.position(Cursor.Direction.AFTER), 20));
    operators.search("", KeysetRequest.at(alice.position(Cursor.Direction.BEFORE), 20));
    operators.search("ali", KeysetRequest.first(20));
    operators.search("ali", KeysetRequest.at(alice.position(Cursor.Direction.AFTER), 20));
    operators.countActiveAdministrators();

    plugins.installed();
    plugins.state(PROMPT);
    plugins.transition(PROMPT, PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.ACTIVE);
    plugins.saveSettingsIfActive(
        PROMPT, new PluginSettings(Map.of("k", new SettingValue("v", false))));
    plugins.settings(PROMPT);
    plugins.setOperatorValueIfActive(PROMPT, alice.id(), "enabled", Optional.of("true"));
    plugins.setOperatorValueIfActive(PROMPT, alice.id(), "enabled", Optional.of("false"));
    plugins.setOperatorValueIfActive(PROMPT, alice.id(), "enabled", Optional.empty());
    plugins.operatorValue(PROMPT, alice.id(), "enabled");
    plugins.operatorValues(PROMPT, "enabled", List.of(alice.id(), OperatorId.random()));
    var enabled = new PluginRepository.Marker("enabled", "true");
    for (var status : PluginOperatorFilter.Status.values()) {
      var filter =
          new PluginOperatorFilter(
              "", status, Optional.of(Role.OPERATOR), Optional.of(true), Optional.empty());
      plugins.operators(PROMPT, enabled, filter, KeysetRequest.first(20));
      plugins.operators(
          PROMPT, enabled, filter, KeysetRequest.at(alice.position(Cursor.Direction.BEFORE), 20));
      plugins.operators(PROMPT, enabled, filter.among(Set.of(alice.id())), KeysetRequest.first(20));
      plugins.count(PROMPT, enabled, filter, 1_001);
      plugins.markIfActive(PROMPT, enabled, filter, true);
      plugins.markIfActive(PROMPT, enabled, filter.among(Set.of(alice.id())), false);
    }
    plugins.operators(PROMPT, enabled, PluginOperatorFilter.EVERYONE, KeysetRequest.first(20));
    plugins.count(PROMPT, enabled, PluginOperatorFilter.EVERYONE, Long.MAX_VALUE);
    plugins.operators(
        PROMPT,
        enabled,
        new PluginOperatorFilter(
            "ali", Status.NOT_ENABLED, Optional.empty(), Optional.empty(), Optional.empty()),
        KeysetRequest.at(alice.position(Cursor.Direction.AFTER), 20));
    plugins.markIfActive(PROMPT, enabled, PluginOperatorFilter.EVERYONE, true);
    plugins.markIfActive(PROMPT, enabled, PluginOperatorFilter.EVERYONE, false);
    plugins.transition(PROMPT, PluginState.ACTIVE, PluginState.AVAILABLE);

    exerciseTheSignInAdapters(dsl, alice);

    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    audit.append(AuditEvent.of(now, AuditEventType.SIGNED_OUT, Actor.system("x"), ""));
    RepeatKey repeat = RepeatKey.of("address:192.0.2.1", now, Duration.ofHours(1));
    for (int i = 0; i < 2; i++) {
      audit.appendOrCount(
          AuditEvent.of(now, AuditEventType.SIGN_IN_THROTTLED, Actor.system("x"), ""), repeat);
    }
    audit.deleteBefore(now.minusSeconds(60), 10);
    Optional<Long> older =
        Optional.of(audit.query(AuditFilter.ALL, Optional.empty(), 1).events().get(0).position());
    Optional<OperatorId> byAlice = Optional.of(alice.id());
    Optional<AuditEventType> signedOut = Optional.of(AuditEventType.SIGNED_OUT);
    Optional<Instant> from = Optional.of(now);
    Optional<Instant> until = Optional.of(now.plusSeconds(60));
    Optional<Instant> open = Optional.empty();
    List<AuditFilter> filters =
        List.of(
            AuditFilter.ALL,
            new AuditFilter(Optional.empty(), signedOut, open, open),
            new AuditFilter(byAlice, Optional.empty(), open, open),
            new AuditFilter(Optional.empty(), Optional.empty(), from, until),
            new AuditFilter(Optional.empty(), Optional.empty(), open, until),
            new AuditFilter(byAlice, signedOut, open, open),
            new AuditFilter(byAlice, Optional.empty(), from, until),
            new AuditFilter(Optional.empty(), signedOut, from, until),
            new AuditFilter(byAlice, signedOut, from, open));
    for (AuditFilter filter : filters) {
      for (Optional<Long> before : List.of(Optional.<Long>empty(), older)) {
        audit.query(filter, before, 50);
      }
      audit.forEachMatching(filter, entry -> {});
    }
  }

  private static void exerciseTheSignInAdapters(DSLContext dsl, Operator alice) {
    var sessions = new JooqSessionStore(dsl);
    var attempts = new JooqFailedAttempts(dsl, unitOfWork(dsl));
    var totp = new JooqTotpCredentials(dsl);
    var panel = new JooqPanelSettings(dsl);
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    Session session =
        Session.begin(SessionToken.random(), alice.id(), SecondFactor.prompt(PROMPT), now);
    sessions.create(session);
    sessions.find(session.key());
    sessions.listOf(alice.id());
    sessions.touch(session.key(), now.plusSeconds(5));
    Session renewed = session.signedInAs(SessionToken.random(), now.plusSeconds(6));
    var pending = new JooqPendingSignIns(dsl);
    new JooqPluginRepository(dsl).transition(PROMPT, PluginState.AVAILABLE, PluginState.ACTIVE);
    var signIn =
        new PendingSignIn("f".repeat(64), PROMPT, session.key(), alice.id(), "alice", "/", now);
    pending.create(signIn);
    pending.take(signIn.stateHash());
    pending.taken(signIn.stateHash());
    pending.create(
        new PendingSignIn("e".repeat(64), PROMPT, session.key(), alice.id(), "alice", "/", now));
    pending.deleteCreatedBefore(now);
    var links = new JooqPasswordResetLinks(dsl);
    var link =
        new PasswordResetLink(
            "d".repeat(64), alice.id(), now, now.plusSeconds(1800), Optional.empty());
    links.replace(link);
    links.find(link.tokenHash());
    links.use(link.tokenHash(), now);
    links.deleteAllOf(alice.id());
    links.deleteExpiredBefore(now);
    sessions.replace(session.key(), renewed);
    sessions.delete(renewed.key());
    // A kept session that exists, so that the delete after the lock runs too.
    Session kept = Session.begin(SessionToken.random(), alice.id(), SecondFactor.NONE, now);
    sessions.create(kept);
    sessions.deleteAllOfExcept(alice.id(), kept.key());
    sessions.deleteAllOf(alice.id());
    sessions.deleteExpired(now, now);

    ThrottleKey account = ThrottleKey.account("alice");
    attempts.recordFailure(account, now, now.minusSeconds(3600));
    attempts.recordFailure(account, now, now.minusSeconds(3600));
    attempts.find(List.of(account, ThrottleKey.address("192.0.2.1")));
    attempts.lockUntil(account, now.plusSeconds(60));
    attempts.list(now.minusSeconds(60), new PageRequest(1, 20));
    attempts.deleteStale(now);
    attempts.clear(account);

    totp.savePending(alice.id(), session.key(), "v1:secret", now);
    totp.savePending(alice.id(), session.key(), "v1:other", now);
    totp.confirm(
        alice.id(), session.key(), "v1:other", 1000, List.of("a".repeat(64), "b".repeat(64)));
    totp.savePending(alice.id(), session.key(), "v1:again", now);
    totp.find(alice.id());
    totp.useStep(alice.id(), 1001);
    totp.useRecoveryCode(alice.id(), "a".repeat(64));
    totp.remainingRecoveryCodes(alice.id());
    totp.countConfirmed(List.of(alice.id(), OperatorId.random()));
    totp.replaceRecoveryCodes(alice.id(), List.of("c".repeat(64)));
    totp.delete(alice.id());

    panel.setForceTwoFactor(true);
    panel.setForceTwoFactor(false);
    panel.forceTwoFactor();
  }

  private static HikariDataSource pool(DatabaseSettings settings) {
    var config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }
}
