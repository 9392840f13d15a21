package io.supportpro.adapter.out.persistence;

import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two databases every adapter is tested against. Each keeps one migrated database (and pool)
 * for the whole test JVM, emptied before each test, since opening one per test would cost more than
 * the tests themselves.
 */
enum TestDatabase {
  H2 {
    @Override
    DatabaseSettings freshSettings() {
      try {
        return DatabaseSettings.embeddedH2(Files.createTempDirectory("supportpro-h2-"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },
  POSTGRES {
    @Override
    DatabaseSettings freshSettings() {
      return PostgresDatabases.freshDatabase();
    }
  };

  private static final String[] TABLES_CHILDREN_FIRST = {
    "plugin_operator_value",
    "plugin_setting",
    "installed_plugin",
    "operator_session",
    "recovery_code",
    "totp_enrolment",
    "operator",
    "audit_event",
    "failed_attempt",
    "panel_setting"
  };

  private DatabaseSettings settings;
  private Persistence persistence;

  /** Settings for a new, empty database of this kind. */
  abstract DatabaseSettings freshSettings();

  /** The shared database of this kind, with every table emptied. */
  synchronized Persistence emptied() {
    open();
    execute(settings, deleteAll());
    return persistence;
  }

  /** The settings of the shared database, for a second pool on it or direct SQL. */
  synchronized DatabaseSettings sharedSettings() {
    open();
    return settings;
  }

  private void open() {
    if (persistence == null) {
      settings = freshSettings();
      persistence = Persistence.open(settings);
    }
  }

  private static String[] deleteAll() {
    String[] statements = new String[TABLES_CHILDREN_FIRST.length];
    for (int i = 0; i < statements.length; i++) {
      statements[i] = "DELETE FROM " + TABLES_CHILDREN_FIRST[i];
    }
    return statements;
  }

  /** Runs statements on a connection of its own. */
  static void execute(DatabaseSettings settings, String... statements) {
    try (Connection connection = connect(settings);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain JDBC connection to the database, outside any pool. */
  static Connection connect(DatabaseSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }
}
