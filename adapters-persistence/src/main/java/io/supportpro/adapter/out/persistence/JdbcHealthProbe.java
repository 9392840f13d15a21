package io.supportpro.adapter.out.persistence;

import io.supportpro.application.port.out.HealthProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/** Asks the database to prove it is alive by validating a connection from the pool. */
final class JdbcHealthProbe implements HealthProbe {
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final DataSource dataSource;

  JdbcHealthProbe(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public boolean databaseReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }
}
