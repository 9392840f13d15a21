package io.supportpro.adapter.out.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Whether a schema is already at the newest migration this build ships, found with one query, so
 * that a start on a current database skips Flyway's scan of the class path and its validation. The
 * build lists its SQL migrations in {@code db/migrations.list}, so the newest is known without
 * scanning either.
 */
final class SchemaCheck {
  private static final String LIST = "db/migrations.list";
  private static final String HISTORY = "flyway_schema_history";
  private static final String LATEST_APPLIED =
      "SELECT version, success FROM " + HISTORY + " ORDER BY installed_rank DESC LIMIT 1";

  private final MigrationVersion newest;

  private SchemaCheck(MigrationVersion newest) {
    this.newest = newest;
  }

  /**
   * The check against the newest of the SQL migrations in these Flyway locations ({@code
   * classpath:} folders) and the Java migrations.
   */
  static SchemaCheck forMigrations(List<String> locations, List<JavaMigration> javaMigrations) {
    List<String> folders =
        locations.stream().map(location -> location.replaceFirst("^classpath:", "") + "/").toList();
    Stream<MigrationVersion> scripts =
        listedScripts().stream()
            .filter(path -> folders.stream().anyMatch(path::startsWith))
            .map(SchemaCheck::version);
    return new SchemaCheck(
        Stream.concat(scripts, javaMigrations.stream().map(JavaMigration::getVersion))
            .max(Comparator.naturalOrder())
            .orElseThrow(() -> new IllegalStateException(LIST + " lists no migration")));
  }

  /** The newest migration's version, as Flyway writes it. */
  String newest() {
    return newest.getVersion();
  }

  /**
   * True when the last migration applied to the database succeeded and is the newest one; false for
   * a new database (no history yet), an older one or one that a failed migration left behind.
   */
  boolean isCurrent(DataSource database) {
    try (Connection connection = database.getConnection()) {
      // Asked first so that a new database logs no error for a missing table (H2 traces them).
      try (ResultSet history =
          connection.getMetaData().getTables(null, null, HISTORY, new String[] {"TABLE"})) {
        if (!history.next()) {
          return false;
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet latest = statement.executeQuery(LATEST_APPLIED)) {
        return latest.next()
            && latest.getBoolean(2)
            && newest.equals(MigrationVersion.fromVersion(latest.getString(1)));
      }
    } catch (SQLException e) {
      // No history table yet, or one unlike Flyway's: Flyway itself decides what to do.
      return false;
    }
  }

  private static List<String> listedScripts() {
    InputStream list = SchemaCheck.class.getClassLoader().getResourceAsStream(LIST);
    Objects.requireNonNull(list, () -> LIST + " is missing from the class path");
    try (var lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
      return lines.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // db/h2/V13_2__operator_search_term_prefix_index.sql is version 13.2.
  private static MigrationVersion version(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return MigrationVersion.fromVersion(name.substring(1, name.indexOf("__")));
  }
}
