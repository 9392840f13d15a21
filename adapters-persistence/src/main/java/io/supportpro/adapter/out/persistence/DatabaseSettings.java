package io.supportpro.adapter.out.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is and how to sign in to it: a JDBC URL (H2 or PostgreSQL), a user, a password
 * and the most connections to keep open.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maximumPoolSize) {
  /** The pool size used when none is configured. */
  public static final int DEFAULT_POOL_SIZE = 10;

  private static final int MAX_POOL_SIZE = 200;

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    jdbcUrl = jdbcUrl.strip();
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "The database URL starts with jdbc:h2: or jdbc:postgresql:.");
    }
    if (maximumPoolSize < 1 || maximumPoolSize > MAX_POOL_SIZE) {
      throw new IllegalArgumentException(
          "The database pool holds 1 to " + MAX_POOL_SIZE + " connections.");
    }
  }

  /**
   * The embedded H2 database kept in {@code dataDirectory} (as the file {@code supportpro.mv.db}),
   * in PostgreSQL mode so that the same SQL runs on both. The path is made absolute, so a later
   * start from another working directory finds the same data; H2's default close-on-exit stays on,
   * so commits still in its write buffer reach the file when the JVM exits.
   */
  public static DatabaseSettings embeddedH2(Path dataDirectory) {
    String directory =
        Objects.requireNonNull(dataDirectory, "dataDirectory")
            .toAbsolutePath()
            .normalize()
            .toString()
            .replace('\\', '/');
    if (directory.indexOf(';') >= 0) {
      // H2 reads settings after a semicolon, so such a path would silently change the database.
      throw new IllegalArgumentException("The data directory path cannot contain a semicolon.");
    }
    return new DatabaseSettings(
        "jdbc:h2:file:"
            + directory
            + "/supportpro"
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            // One process owns the file; a second one fails at once instead of sharing it.
            + ";AUTO_SERVER=FALSE"
            // Concurrent plugin changes wait for each other's row locks rather than fail.
            + ";LOCK_TIMEOUT=10000"
            // Each connection keeps this many parsed statements: a sign-in runs about two dozen
            // different ones, which H2's default of eight would parse again every time.
            + ";QUERY_CACHE_SIZE=64",
        "sa",
        "",
        DEFAULT_POOL_SIZE);
  }

  /** True when the URL names an H2 database. */
  boolean isH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  /** The URL with any password in it masked, fit for messages and logs. */
  public String safeUrl() {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl="
        + safeUrl()
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "" : "***")
        + ", maximumPoolSize="
        + maximumPoolSize
        + "]";
  }
}
