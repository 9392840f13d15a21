package io.supportpro.adapter.out.persistence;

import io.supportpro.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/** Reads what a failed statement means, the same way on H2 and PostgreSQL. */
final class SqlErrors {
  static final String UNIQUE_VIOLATION = "23505";
  private static final Set<String> FOREIGN_KEY_VIOLATIONS = Set.of("23503", "23506");
  // PostgreSQL's deadlock_detected and serialization_failure; H2 reports a deadlock as 40001.
  private static final Set<String> ROLLED_BACK_BY_A_CONFLICT = Set.of("40P01", "40001");

  /**
   * States that mean the database is gone rather than that a statement is wrong: PostgreSQL's
   * shutdown and start-up states, and H2's "closed", "in use by another process", "connection
   * broken" and file errors.
   */
  private static final Set<String> UNAVAILABLE_STATES =
      Set.of("57P01", "57P02", "57P03", "90020", "90028", "90067", "90098", "90121");

  private SqlErrors() {}

  /**
   * Runs database work, turning jOOQ's exceptions into ones that may cross a port: {@link
   * StoreUnavailableException} when the database is away, {@link IllegalStateException} otherwise.
   */
  static <T> T guard(String doing, Supplier<T> work) {
    try {
      return work.get();
    } catch (DataAccessException e) {
      throw translate(doing, e);
    }
  }

  /** Runs database work that returns nothing; see {@link #guard(String, Supplier)}. */
  static void guardRun(String doing, Runnable work) {
    guard(
        doing,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * The exception to throw for an unexpected database failure: unavailability as such, anything
   * else as a bug. SQL messages stay in the cause only, since some databases quote the values.
   */
  static RuntimeException translate(String doing, RuntimeException e) {
    if (isUnavailable(e)) {
      return new StoreUnavailableException(
          "The database cannot be reached right now, so " + doing + " failed.", e);
    }
    return new IllegalStateException(
        "The database failed while "
            + doing
            + sqlState(e).map(state -> " (SQL state " + state + ")").orElse("")
            + ".",
        e);
  }

  /** The SQL state of the first SQL exception among the causes. */
  static Optional<String> sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }

  /** True when a unique constraint or primary key refused the row. */
  static boolean isUniqueViolation(Throwable e) {
    return sqlState(e).filter(UNIQUE_VIOLATION::equals).isPresent();
  }

  /**
   * True when the database rolled the transaction back because it conflicted with another one, such
   * as a deadlock: trying the transaction again may succeed.
   */
  static boolean isConflictRollback(Throwable e) {
    return sqlState(e).filter(ROLLED_BACK_BY_A_CONFLICT::contains).isPresent();
  }

  /**
   * True when the database refused a change for what other work did at the same time: a deadlock,
   * or a row that another transaction inserted first; the change may succeed when tried again.
   */
  static boolean isLostToOtherWork(Throwable e) {
    return isConflictRollback(e) || isUniqueViolation(e);
  }

  /** True when a foreign key refused the row. */
  static boolean isForeignKeyViolation(Throwable e) {
    return sqlState(e).filter(FOREIGN_KEY_VIOLATIONS::contains).isPresent();
  }

  /**
   * True when the error names the constraint: PostgreSQL quotes the constraint, H2 the index it
   * made for it ({@code operator_email_uk_index_2}).
   */
  static boolean names(Throwable e, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains(constraint)) {
        return true;
      }
    }
    return false;
  }

  /** True when the failure means the database cannot be reached or is shutting down. */
  static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The innermost cause's message on one line, as a short explanation. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String line = message.strip().lines().findFirst().orElse("").strip();
    // H2 appends "[90020-252]"-style codes and PostgreSQL adds advice after the first sentence.
    line = line.replaceAll("\\s*\\[\\d+-\\d+]$", "");
    int sentenceEnd = line.indexOf(". ");
    if (sentenceEnd > 0) {
      line = line.substring(0, sentenceEnd);
    }
    if (line.endsWith(".")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
