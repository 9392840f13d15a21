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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Whether a schema has had exactly the migrations this build ships applied, each successfully,
 * found with one query, so that a start on a current database skips Flyway's scan of the class path
 * and its validation. The build lists its SQL migrations in {@code db/migrations.list}, so they are
 * known without scanning either.
 */
final class SchemaCheck {
  private static final String LIST = "db/migrations.list";
  private static final String HISTORY = "flyway_schema_history";
  private static final String APPLIED =
      "SELECT version, success FROM " + HISTORY + " WHERE version IS NOT NULL";

  // Empty when the build's list is missing (a build that skipped writing it): never current then.
  private final Set<MigrationVersion> shipped;

  private SchemaCheck(Set<MigrationVersion> shipped) {
    this.shipped = shipped;
  }

  /**
   * The check against the newest of the SQL migrations in these Flyway locations ({@code
   * classpath:} folders) and the Java migrations.
   */
  static SchemaCheck forMigrations(List<String> locations, List<JavaMigration> javaMigrations) {
    List<String> folders =
        locations.stream().map(location -> location.replaceFirst("^classpath:", "") + "/").toList();
    Optional<List<String>> listed = listedScripts();
    if (listed.isEmpty()) {
      return new SchemaCheck(Set.of());
    }
    Stream<MigrationVersion> scripts =
        listed.get().stream()
            .filter(path -> folders.stream().anyMatch(path::startsWith))
            .map(SchemaCheck::version);
    return new SchemaCheck(
        Stream.concat(scripts, javaMigrations.stream().map(JavaMigration::getVersion))
            .collect(Collectors.toUnmodifiableSet()));
  }

  /** The newest migration's version, as Flyway writes it. */
  String newest() {
    return shipped.stream()
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion)
        .orElseThrow(() -> new IllegalStateException(LIST + " lists no migration"));
  }

  /**
   * True when every migration applied to the database succeeded and they are exactly the ones this
   * build ships; false for a new database (no history yet), an older one, one that a failed
   * migration left behind, one that misses a migration added later with a lower version, and one
   * that a newer build migrated (Flyway's validation then says why).
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
      Set<MigrationVersion> applied = new HashSet<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(APPLIED)) {
        while (rows.next()) {
          if (!rows.getBoolean(2)) {
            return false;
          }
          applied.add(MigrationVersion.fromVersion(rows.getString(1)));
        }
      }
      return !shipped.isEmpty() && applied.equals(shipped);
    } catch (SQLException e) {
      // No history table yet, or one unlike Flyway's: Flyway itself decides what to do.
      return false;
    }
  }

  private static Optional<List<String>> listedScripts() {
    InputStream list = SchemaCheck.class.getClassLoader().getResourceAsStream(LIST);
    if (list == null) {
      return Optional.empty();
    }
    try (var lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
      return Optional.of(lines.lines().filter(line -> !line.isBlank()).toList());
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
