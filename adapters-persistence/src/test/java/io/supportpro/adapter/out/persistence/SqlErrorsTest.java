package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
  @Test
  void rootMessage_isTheFirstSentenceOfTheInnermostCause() {
    var postgres =
        new RuntimeException(
            "pool failed",
            new SQLException(
                "Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct"
                    + " and that the postmaster is accepting TCP/IP connections.",
                "08001"));
    var h2 =
        new RuntimeException(
            new SQLException(
                "Database may be already in use: \"/data/supportpro.mv.db\" [90020-252]\nmore",
                "90020"));

    assertThat(SqlErrors.rootMessage(postgres)).isEqualTo("Connection to 127.0.0.1:1 refused");
    assertThat(SqlErrors.rootMessage(h2))
        .isEqualTo("Database may be already in use: \"/data/supportpro.mv.db\"");
  }

  @Test
  void translate_tellsUnavailabilityFromOtherFailures() {
    var timeout =
        new DataAccessException(
            "no connection", new SQLTransientConnectionException("timed out", "08001"));
    var tooLong = new DataAccessException("bad", new SQLException("Value too long: 'x'", "22001"));

    assertThat(SqlErrors.translate("reading", timeout))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("The database cannot be reached right now, so reading failed.");
    assertThat(SqlErrors.translate("writing", tooLong))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The database failed while writing (SQL state 22001).");
  }

  @Test
  void isUniqueViolation_andNames_readBothDatabasesErrors() {
    var postgres =
        new DataAccessException(
            "x",
            new SQLException(
                "ERROR: duplicate key value violates unique constraint \"operator_email_uk\"",
                "23505"));
    var h2 =
        new DataAccessException(
            "x",
            new SQLException(
                "Unique index or primary key violation: \"PUBLIC.OPERATOR_USERNAME_UK_INDEX_8 ON"
                    + " PUBLIC.OPERATOR(USERNAME NULLS FIRST)\"",
                "23505"));

    assertThat(SqlErrors.isUniqueViolation(postgres)).isTrue();
    assertThat(SqlErrors.names(postgres, "operator_email_uk")).isTrue();
    assertThat(SqlErrors.names(h2, "operator_username_uk")).isTrue();
    assertThat(SqlErrors.names(h2, "operator_email_uk")).isFalse();
  }
}
