package io.supportpro.adapter.out.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.supportpro.application.port.out.Stores;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;

/**
 * The database side of the application in one object: opens the connection pool, brings the schema
 * up to date and hands out the stores, so that the composition root never touches jOOQ, Flyway or
 * HikariCP. Closing it closes the pool.
 */
public final class Persistence implements AutoCloseable {
  private static final String MIGRATIONS = "classpath:db/migration";
  // What only one kind of database needs, such as the index a prefix search uses.
  private static final String H2_MIGRATIONS = "classpath:db/h2";
  private static final String POSTGRESQL_MIGRATIONS = "classpath:db/postgresql";
  // Long enough for a database on the network, short enough that a wrong URL fails at once.
  private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
  private static final Set<String> BAD_CREDENTIALS = Set.of("28000", "28P01");

  /**
   * The oldest PostgreSQL the panel runs on: the oldest release its community still supports.
   * jOOQ's open-source edition has one PostgreSQL dialect, for the newest release, and nothing the
   * panel asks of it needs more than this.
   */
  static final int OLDEST_POSTGRESQL = 15;

  private final HikariDataSource pool;
  private final MigrationReport migrations;
  private final Stores stores;

  private Persistence(HikariDataSource pool, MigrationReport migrations, Stores stores) {
    this.pool = pool;
    this.migrations = migrations;
    this.stores = stores;
  }

  /**
   * Connects to the database and applies any pending migrations.
   *
   * @throws DatabaseUnavailableException when the database cannot be reached, refuses the
   *     credentials, is a PostgreSQL release the panel does not support or cannot be migrated
   */
  public static Persistence open(DatabaseSettings settings) {
    Objects.requireNonNull(settings, "settings");
    quietJooq();
    HikariDataSource pool = startPool(settings, settings.maximumPoolSize());
    try {
      requireSupportedVersion(pool, settings);
      // Loading and initialising jOOQ takes about half a second: do it while Flyway migrates.
      CompletableFuture<Stores> stores =
          CompletableFuture.supplyAsync(() -> stores(pool, settings));
      MigrationReport migrations = migrate(pool, settings);
      return new Persistence(pool, migrations, stores.join());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Applies any pending migrations and nothing else, for the {@code migrate} command.
   *
   * @throws DatabaseUnavailableException when the database cannot be reached, is a PostgreSQL
   *     release the panel does not support or cannot be migrated
   */
  public static MigrationReport migrate(DatabaseSettings settings) {
    Objects.requireNonNull(settings, "settings");
    try (HikariDataSource pool = startPool(settings, Math.min(2, settings.maximumPoolSize()))) {
      requireSupportedVersion(pool, settings);
      return migrate(pool, settings);
    }
  }

  /** What opening did to the schema: how many migrations it applied, and the version now. */
  public MigrationReport migrations() {
    return migrations;
  }

  /** The out-ports over this database. */
  public Stores stores() {
    return stores;
  }

  /** Closes every connection; the stores fail afterwards. */
  @Override
  public void close() {
    pool.close();
  }

  /** The jOOQ adapters, and the health probe, over one connection pool. */
  private static Stores stores(HikariDataSource pool, DatabaseSettings settings) {
    var transactions = new JoiningTransactionProvider(new DataSourceConnectionProvider(pool));
    DSLContext dsl = dsl(settings, transactions);
    var unitOfWork = new JooqUnitOfWork(dsl, transactions);
    return new Stores(
        new JooqOperatorRepository(dsl),
        new JooqPluginRepository(dsl),
        new JooqAuditLog(dsl, unitOfWork),
        new JooqSessionStore(dsl),
        new JooqFailedAttempts(dsl, unitOfWork),
        new JooqTotpCredentials(dsl),
        new JooqPanelSettings(dsl),
        new JooqPendingSignIns(dsl),
        new JooqPasswordResetLinks(dsl),
        new JdbcHealthProbe(pool),
        new JooqKnownBrowsers(dsl),
        unitOfWork);
  }

  private static HikariDataSource startPool(DatabaseSettings settings, int size) {
    var config = new HikariConfig();
    config.setPoolName("supportpro-db");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    config.setValidationTimeout(Math.min(2_000, CONNECTION_TIMEOUT_MILLIS));
    // One attempt at start-up: an unreachable database fails the start rather than the first page.
    config.setInitializationFailTimeout(1);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(connectionProblem(settings, e), e);
    }
  }

  private static void requireSupportedVersion(HikariDataSource pool, DatabaseSettings settings) {
    if (settings.isH2()) {
      return;
    }
    try (Connection connection = pool.getConnection()) {
      DatabaseMetaData database = connection.getMetaData();
      versionProblem(
              settings.safeUrl(),
              database.getDatabaseMajorVersion(),
              database.getDatabaseProductVersion())
          .ifPresent(
              problem -> {
                throw new DatabaseUnavailableException(problem, null);
              });
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(connectionProblem(settings, e), e);
    }
  }

  /** Why a PostgreSQL server of this version cannot serve the panel, if it cannot. */
  static Optional<String> versionProblem(String url, int majorVersion, String productVersion) {
    if (majorVersion >= OLDEST_POSTGRESQL) {
      return Optional.empty();
    }
    return Optional.of(
        "The database at "
            + url
            + " runs PostgreSQL "
            + productVersion
            + "; the panel needs PostgreSQL "
            + OLDEST_POSTGRESQL
            + " or newer.");
  }

  private static String connectionProblem(DatabaseSettings settings, Exception e) {
    String url = settings.safeUrl();
    String state = SqlErrors.sqlState(e).orElse("");
    if (BAD_CREDENTIALS.contains(state)) {
      return "The database at " + url + " refused the user name or password.";
    }
    if (state.equals("3D000")) {
      return "The database at " + url + " does not exist; create it or correct the URL.";
    }
    if (state.equals("90020")) {
      return "The database at "
          + url
          + " is in use by another process; an embedded database serves one process only.";
    }
    return "Cannot connect to the database at " + url + ": " + SqlErrors.rootMessage(e) + ".";
  }

  private static MigrationReport migrate(HikariDataSource pool, DatabaseSettings settings) {
    JavaMigration[] javaMigrations = {new SearchTermsMigration()};
    String[] locations = {MIGRATIONS, settings.isH2() ? H2_MIGRATIONS : POSTGRESQL_MIGRATIONS};
    // A schema already at the newest version, as almost every start finds it, needs no scan of the
    // class path; any other goes through Flyway, whose lock keeps instances from migrating at once.
    SchemaCheck check = SchemaCheck.forMigrations(List.of(locations), List.of(javaMigrations));
    if (check.isCurrent(pool)) {
      return new MigrationReport(0, check.newest(), false);
    }
    try {
      MigrateResult result =
          Flyway.configure(Persistence.class.getClassLoader())
              .dataSource(pool)
              .locations(locations)
              .javaMigrations(javaMigrations)
              .load()
              .migrate();
      String version =
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : Objects.requireNonNullElse(result.initialSchemaVersion, "none");
      return new MigrationReport(result.migrationsExecuted, version, true);
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(
          "Migrating the database at "
              + settings.safeUrl()
              + " failed: "
              + SqlErrors.rootMessage(e)
              + ".",
          e);
    }
  }

  /** One transaction at a time per thread, which every store's statements and transactions join. */
  private static DSLContext dsl(
      DatabaseSettings settings, JoiningTransactionProvider transactions) {
    SQLDialect dialect = settings.isH2() ? SQLDialect.H2 : SQLDialect.POSTGRES;
    return DSL.using(
        transactions.configure(
            new DefaultConfiguration()
                .set(dialect)
                .set(
                    new Settings()
                        .withExecuteLogging(false)
                        .withRenderSchema(false)
                        .withDiagnosticsLogging(false))));
  }

  /** jOOQ prints a banner and tips on first use unless told not to. */
  private static void quietJooq() {
    for (String property : new String[] {"org.jooq.no-logo", "org.jooq.no-tips"}) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, "true");
      }
    }
  }
}
