package io.supportpro.adapter.out.persistence;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.out.crypto.Argon2PasswordHasher;
import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Opening, migrating and failing to open the database. */
class PersistenceIT {
  private static final PasswordHash HASH = new PasswordHash("$test$hash");

  @Test
  void embeddedH2_migratesOnceAndTheNextStartFindsTheData(@TempDir Path dataDirectory) {
    DatabaseSettings settings = DatabaseSettings.embeddedH2(dataDirectory);
    Operator alice = operator("alice");

    assertThat(Persistence.migrate(settings))
        .isEqualTo(new MigrationReport(migrationScripts(), latestVersion(), true));
    try (Persistence first = Persistence.open(settings)) {
      first.stores().operators().add(alice, HASH);
    }
    assertThat(Persistence.migrate(settings))
        .isEqualTo(new MigrationReport(0, latestVersion(), false));
    try (Persistence second = Persistence.open(settings)) {
      assertThat(second.migrations()).isEqualTo(new MigrationReport(0, latestVersion(), false));
      assertThat(second.stores().operators().findById(alice.id())).contains(alice);
    }
  }

  @Test
  void embeddedH2_keepsEnoughParsedStatementsPerConnectionForASignIn(@TempDir Path dataDirectory)
      throws SQLException {
    DatabaseSettings settings = DatabaseSettings.embeddedH2(dataDirectory);

    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        ResultSet setting =
            connection
                .createStatement()
                .executeQuery(
                    "select setting_value from information_schema.settings"
                        + " where setting_name = 'QUERY_CACHE_SIZE'")) {
      assertThat(setting.next()).isTrue();
      assertThat(setting.getString(1)).isEqualTo("64");
    }
  }

  @Test
  void postgres_migratesOnceThenFindsNothingToDo() {
    DatabaseSettings settings = PostgresDatabases.freshDatabase();

    try (Persistence opened = Persistence.open(settings)) {
      assertThat(opened.migrations())
          .isEqualTo(new MigrationReport(migrationScripts(), latestVersion(), true));
      assertThat(opened.stores().healthProbe().databaseReachable()).isTrue();
    }

    assertThat(Persistence.migrate(settings))
        .isEqualTo(new MigrationReport(0, latestVersion(), false));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void migrate_aCurrentSchemaIsCheckedWithoutFlyway_aNewOneIsMigrated(TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();

    assertThat(Persistence.migrate(settings))
        .isEqualTo(new MigrationReport(migrationScripts(), latestVersion(), true));
    assertThat(Persistence.migrate(settings))
        .isEqualTo(new MigrationReport(0, latestVersion(), false));
    try (Persistence opened = Persistence.open(settings)) {
      assertThat(opened.migrations()).isEqualTo(new MigrationReport(0, latestVersion(), false));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void migrate_anOlderSchemaGoesThroughFlywayToTheNewestMigration(TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();
    MigrationVersion older = MigrationVersion.fromVersion("14");
    Flyway.configure(PersistenceIT.class.getClassLoader())
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations(
            "classpath:db/migration",
            settings.isH2() ? "classpath:db/h2" : "classpath:db/postgresql")
        .javaMigrations(new SearchTermsMigration())
        .target(older)
        .load()
        .migrate();
    int newer = (int) versions().stream().filter(version -> version.compareTo(older) > 0).count();

    try (Persistence opened = Persistence.open(settings)) {
      assertThat(opened.migrations()).isEqualTo(new MigrationReport(newer, latestVersion(), true));
    }
    assertThat(Persistence.migrate(settings))
        .isEqualTo(new MigrationReport(0, latestVersion(), false));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void migrate_aSchemaMissingAnOlderMigrationThanItsNewestGoesThroughFlyway(TestDatabase database) {
    DatabaseSettings settings = database.freshSettings();
    Persistence.migrate(settings);
    // As a database looks to a build that ships a migration numbered below the newest applied.
    TestDatabase.execute(settings, "DELETE FROM flyway_schema_history WHERE version = '16'");

    // Flyway, not the quick check, decides: it refuses to skip a migration it has not applied.
    assertThatThrownBy(() -> Persistence.migrate(settings))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("Validate failed");
  }

  @Test
  void postgres_instancesStartingAtOnceOnANewDatabaseMigrateItOnce() throws Exception {
    DatabaseSettings settings = PostgresDatabases.freshDatabase();
    Callable<MigrationReport> start = () -> Persistence.migrate(settings);

    List<MigrationReport> reports = AtOnce.run(List.of(start, start, start));

    // Flyway's lock lets one apply every migration; the others find nothing left to apply.
    assertThat(reports)
        .containsOnlyOnce(new MigrationReport(migrationScripts(), latestVersion(), true))
        .allSatisfy(report -> assertThat(report.schemaVersion()).isEqualTo(latestVersion()))
        .filteredOn(report -> report.applied() == 0)
        .hasSize(reports.size() - 1);
  }

  @Test
  void open_anUnreachableDatabaseFailsWithinSecondsInOneSentence() throws IOException {
    var settings =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:" + closedPort() + "/supportpro?password=hunter2",
            "supportpro",
            "hunter2",
            5);
    long started = System.nanoTime();

    assertThatThrownBy(() -> Persistence.open(settings))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("Cannot connect to the database at jdbc:postgresql://127.0.0.1:")
        .hasMessageEndingWith(".")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "hunter2"));
    assertThatThrownBy(() -> Persistence.migrate(settings))
        .isInstanceOf(DatabaseUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void open_aMissingPostgresDatabaseSaysSo() {
    var settings =
        new DatabaseSettings(PostgresDatabases.jdbcUrl("no_such_database"), "postgres", "", 2);

    assertThatThrownBy(() -> Persistence.open(settings))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageEndingWith("does not exist; create it or correct the URL.");
  }

  @Test
  void open_aSchemaTheMigrationCannotApplyToFailsInOneSentence() {
    DatabaseSettings settings = PostgresDatabases.freshDatabase();
    TestDatabase.execute(settings, "CREATE TABLE operator (unrelated INTEGER)");

    assertThatThrownBy(() -> Persistence.open(settings))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("Migrating the database at " + settings.jdbcUrl() + " failed: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void passwordHashes_areStoredAsArgon2idTextNeverAsThePassword(TestDatabase database)
      throws Exception {
    var stores = database.emptied();
    var password = new Password("correct horse battery staple");
    Operator alice = operator("alice");
    var hasher = new Argon2PasswordHasher();

    stores.operators().add(alice, hasher.hash(password));

    String stored;
    try (Connection connection = TestDatabase.connect(database.sharedSettings());
        PreparedStatement select =
            connection.prepareStatement("SELECT password_hash FROM operator WHERE username = ?")) {
      select.setString(1, "alice");
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        stored = row.getString(1);
      }
    }
    assertThat(stored)
        .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
        .doesNotContain(password.value());
    assertThat(hasher.matches(password, new PasswordHash(stored))).isTrue();
  }

  /**
   * How many migrations the module ships for each database: the shared scripts, the scripts of one
   * database (H2 and PostgreSQL have theirs at the same versions) and the Java migration.
   */
  private static int migrationScripts() {
    return versions().size();
  }

  /** The version of the newest migration, as Flyway names it. */
  private static String latestVersion() {
    return versions().stream().max(Comparator.naturalOrder()).orElseThrow().getVersion();
  }

  private static List<MigrationVersion> versions() {
    List<MigrationVersion> versions = new ArrayList<>(scriptVersions("migration"));
    List<MigrationVersion> ofH2 = scriptVersions("h2");
    assertThat(scriptVersions("postgresql")).containsExactlyInAnyOrderElementsOf(ofH2);
    versions.addAll(ofH2);
    versions.add(new SearchTermsMigration().getVersion());
    return versions;
  }

  private static List<MigrationVersion> scriptVersions(String folder) {
    // The tests run in the module's directory.
    try (var scripts = Files.list(Path.of("src/main/resources/db", folder))) {
      return scripts
          .map(script -> script.getFileName().toString())
          .map(name -> MigrationVersion.fromVersion(name.substring(1, name.indexOf("__"))))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
