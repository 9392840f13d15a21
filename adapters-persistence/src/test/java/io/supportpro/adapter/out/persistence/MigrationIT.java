package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.Stores;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionToken;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migrations that rewrite data, each run over rows as the version before it held them: the database
 * is migrated up to that version, filled, and migrated on.
 */
class MigrationIT {
  private static final PluginId PROMPT = new PluginId("example-prompt");
  private static final PluginId OTHER_PROMPT = new PluginId("other-prompt");
  // The one marker of a plugin's prompt that V2 allowed, which named no plugin.
  private static final String OLD_PROMPT_MARKER = "DUO";

  /** Brings a new database up to the version, and no further. */
  private static void migrateTo(DatabaseSettings settings, String version) {
    Flyway.configure(MigrationIT.class.getClassLoader())
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .target(version)
        .load()
        .migrate();
  }

  /** What migrating to the newest version reports after the migrations both databases share. */
  private static MigrationReport newest(int shared) {
    return new MigrationReport(shared + 1, "18.1", true);
  }

  private static String operator(OperatorId id, String username) {
    return ("INSERT INTO operator (id, username, email, display_name, display_name_lower, role,"
            + " active, password_hash) VALUES ('%s', '%s', '%s@example.com', '%s', '%s',"
            + " 'OPERATOR', TRUE, '$test$hash')")
        .formatted(id.value(), username, username, username, username);
  }

  private static String session(SessionKey key, OperatorId operator, String stage, String factor) {
    return ("INSERT INTO operator_session (session_key, operator_id, stage, second_factor,"
            + " csrf_token, created_at, last_seen_at) VALUES ('%s', '%s', '%s', '%s', 'csrf',"
            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
        .formatted(key.value(), operator.value(), stage, factor);
  }

  private static String enabled(PluginId plugin, OperatorId operator, String value) {
    return ("INSERT INTO plugin_operator_value (plugin_id, operator_id, value_key, value_text)"
            + " VALUES ('%s', '%s', 'enabled', '%s')")
        .formatted(plugin.value(), operator.value(), value);
  }

  private static SecondFactor factor(Stores stores, SessionKey key) {
    return stores.sessions().find(key).map(Session::secondFactor).orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void v8_aSessionWaitingForThePromptNamesThePluginItWaitsForOrIsEnabledFor_orEnds(
      TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();
    migrateTo(settings, "7");
    OperatorId ada = OperatorId.random();
    OperatorId bob = OperatorId.random();
    OperatorId carol = OperatorId.random();
    OperatorId dave = OperatorId.random();
    // Ada went to the other prompt, though the example prompt is enabled for her too.
    SessionKey adaWaiting = SessionToken.random().key();
    // Bob has not been sent anywhere yet, or has signed in already: his enabled plugin tells.
    SessionKey bobWaiting = SessionToken.random().key();
    SessionKey bobSignedIn = SessionToken.random().key();
    // Nothing is enabled for Carol and Dave any more.
    SessionKey carolWaiting = SessionToken.random().key();
    SessionKey daveWaiting = SessionToken.random().key();
    SessionKey daveWithTheApp = SessionToken.random().key();
    SessionKey daveEnrolling = SessionToken.random().key();
    SessionKey daveSignedIn = SessionToken.random().key();
    TestDatabase.execute(
        settings,
        operator(ada, "ada"),
        operator(bob, "bob"),
        operator(carol, "carol"),
        operator(dave, "dave"),
        "INSERT INTO installed_plugin (plugin_id, state) VALUES ('example-prompt', 'ACTIVE')",
        "INSERT INTO installed_plugin (plugin_id, state) VALUES ('other-prompt', 'ACTIVE')",
        enabled(PROMPT, ada, "true"),
        enabled(OTHER_PROMPT, ada, "true"),
        enabled(PROMPT, bob, "true"),
        enabled(PROMPT, carol, "false"),
        session(adaWaiting, ada, "AWAITING_SECOND_FACTOR", OLD_PROMPT_MARKER),
        session(bobWaiting, bob, "AWAITING_SECOND_FACTOR", OLD_PROMPT_MARKER),
        session(bobSignedIn, bob, "SIGNED_IN", OLD_PROMPT_MARKER),
        session(carolWaiting, carol, "AWAITING_SECOND_FACTOR", OLD_PROMPT_MARKER),
        session(daveWaiting, dave, "AWAITING_SECOND_FACTOR", OLD_PROMPT_MARKER),
        session(daveWithTheApp, dave, "AWAITING_SECOND_FACTOR", "TOTP"),
        session(daveEnrolling, dave, "AWAITING_ENROLMENT", "TOTP_ENROLMENT"),
        session(daveSignedIn, dave, "SIGNED_IN", "NONE"),
        ("INSERT INTO pending_sign_in (state_hash, plugin_id, session_key, operator_id, username,"
                + " created_at) VALUES ('%s', 'other-prompt', '%s', '%s', 'ada',"
                + " CURRENT_TIMESTAMP)")
            .formatted("a".repeat(64), adaWaiting.value(), ada.value()));

    // V8, and V9 to V18 (with the Java and per-database parts 13.1, 13.2 and 18.1) after
    // it.
    assertThat(Persistence.migrate(settings)).isEqualTo(newest(13));

    try (Persistence migrated = Persistence.open(settings)) {
      Stores stores = migrated.stores();
      assertThat(factor(stores, adaWaiting)).isEqualTo(SecondFactor.prompt(OTHER_PROMPT));
      assertThat(factor(stores, bobWaiting)).isEqualTo(SecondFactor.prompt(PROMPT));
      assertThat(factor(stores, bobSignedIn)).isEqualTo(SecondFactor.prompt(PROMPT));
      assertThat(stores.sessions().find(carolWaiting)).isEmpty();
      assertThat(stores.sessions().find(daveWaiting)).isEmpty();
      assertThat(factor(stores, daveWithTheApp)).isEqualTo(SecondFactor.TOTP);
      assertThat(factor(stores, daveEnrolling)).isEqualTo(SecondFactor.TOTP_ENROLMENT);
      assertThat(factor(stores, daveSignedIn)).isEqualTo(SecondFactor.NONE);
      assertThat(stores.pendingSignIns().take("a".repeat(64)))
          .hasValueSatisfying(signIn -> assertThat(signIn.plugin()).isEqualTo(OTHER_PROMPT));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void v13_operatorsAddedBeforeAreFoundByTheStartOfAnyWordOfTheirNames(TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();
    migrateTo(settings, "10");
    TestDatabase.execute(
        settings,
        operator(OperatorId.random(), "bob"),
        "INSERT INTO operator (id, username, email, display_name, display_name_lower, role, active,"
            + " password_hash) VALUES ('%s', 'ada', 'ada.byron@example.com', 'Ada King-Lovelace',"
                .formatted(OperatorId.random().value())
            + " 'ada king-lovelace', 'OPERATOR', TRUE, '$test$hash')");

    try (Persistence migrated = Persistence.open(settings)) {
      OperatorRepository operators = migrated.stores().operators();
      for (String search : List.of("ADA", "byron@", "king-l", "LOVELACE", "example.com")) {
        assertThat(operators.search(search, KeysetRequest.first(10)).items())
            .as(search)
            .extracting(found -> found.username().value())
            .contains("ada");
      }
      assertThat(operators.search("ing", KeysetRequest.first(10)).items()).isEmpty();
      assertThat(operators.search("bob", KeysetRequest.first(10)).items()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void v10_aSessionBegunBeforeItHasTheUnknownClient(TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();
    migrateTo(settings, "8");
    OperatorId ada = OperatorId.random();
    SessionKey before = SessionToken.random().key();
    TestDatabase.execute(settings, operator(ada, "ada"), session(before, ada, "SIGNED_IN", "NONE"));

    try (Persistence migrated = Persistence.open(settings)) {
      assertThat(migrated.stores().sessions().find(before).orElseThrow().client())
          .isEqualTo(SessionClient.UNKNOWN);
      assertThat(migrated.stores().sessions().listOf(ada)).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void v9_existingOperatorsKeepTheirPasswordAndNeedNoChange(TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();
    migrateTo(settings, "8");
    OperatorId ada = OperatorId.random();
    TestDatabase.execute(settings, operator(ada, "ada"));

    // V9, and V10 to V18 (with 13.1, 13.2 and 18.1) after it.
    assertThat(Persistence.migrate(settings)).isEqualTo(newest(12));

    try (Persistence migrated = Persistence.open(settings)) {
      var account = migrated.stores().operators().findAccount(ada).orElseThrow();
      assertThat(account.passwordHash().encoded()).isEqualTo("$test$hash");
      assertThat(account.mustChangePassword()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void v8_noSessionCanBeStoredWithTheOldMarkerAgain(TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();
    migrateTo(settings, "7");
    OperatorId ada = OperatorId.random();
    TestDatabase.execute(settings, operator(ada, "ada"));

    Persistence.migrate(settings);

    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                TestDatabase.execute(
                    settings,
                    session(
                        SessionToken.random().key(),
                        ada,
                        "AWAITING_SECOND_FACTOR",
                        OLD_PROMPT_MARKER)));
    TestDatabase.execute(
        settings,
        session(SessionToken.random().key(), ada, "AWAITING_SECOND_FACTOR", "PROMPT:" + PROMPT),
        session(SessionToken.random().key(), ada, "AWAITING_SECOND_FACTOR", "CODE:example-code"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void v8_aConnectionTestOfAnyPluginIsOneEventType(TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();
    migrateTo(settings, "7");
    TestDatabase.execute(
        settings,
        "INSERT INTO audit_event (occurred_at, event_type, actor_name, client_address, subject,"
            + " details) VALUES (CURRENT_TIMESTAMP, 'DUO_CONNECTION_TESTED', 'root', '::1', '',"
            + " 'outcome=accepted')",
        "INSERT INTO audit_event (occurred_at, event_type, actor_name, client_address, subject,"
            + " details) VALUES (CURRENT_TIMESTAMP, 'PLUGIN_INSTALLED', 'root', '::1',"
            + " 'example-prompt', '')");

    Persistence.migrate(settings);

    try (Persistence migrated = Persistence.open(settings)) {
      assertThat(migrated.stores().auditLog().query(AuditFilter.ALL, Optional.empty(), 10).events())
          .extracting(recorded -> recorded.event().type())
          .containsExactly(
              AuditEventType.PLUGIN_INSTALLED, AuditEventType.PLUGIN_CONNECTION_TESTED);
    }
  }
}
