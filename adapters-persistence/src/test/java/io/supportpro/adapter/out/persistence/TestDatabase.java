package io.supportpro.adapter.out.persistence;

import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import io.supportpro.application.port.out.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

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
        Path directory = Files.createTempDirectory("supportpro-h2-");
        TEMPORARY_DIRECTORIES.add(directory);
        return DatabaseSettings.embeddedH2(directory);
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
    "password_reset_link",
    "pending_sign_in",
    "known_browser",
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

  private static final List<Path> TEMPORARY_DIRECTORIES = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(TestDatabase::cleanUp, "test-database-clean-up"));
  }

  private DatabaseSettings settings;
  private Persistence persistence;

  /** Settings for a new, empty database of this kind. */
  abstract DatabaseSettings freshSettings();

  /** The stores of the shared database of this kind, with every table emptied. */
  synchronized Stores emptied() {
    open();
    execute(settings, deleteAll());
    return persistence.stores();
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

  /** Closes the shared pools and deletes the H2 files made for the tests. */
  private static void cleanUp() {
    for (TestDatabase database : values()) {
      synchronized (database) {
        if (database.persistence != null) {
          database.persistence.close();
        }
      }
    }
    for (Path directory : TEMPORARY_DIRECTORIES) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // Only temporary files are left behind.
      }
    }
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
