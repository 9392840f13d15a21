package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import io.supportpro.adapter.out.persistence.testing.TcpProxy;
import io.supportpro.application.port.out.StoreUnavailableException;
import io.supportpro.domain.operator.OperatorId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A database that becomes unreachable while the application runs. */
class DatabaseOutageIT {
  @Test
  void repositoriesReportTheOutageAndTheProbeSeesIt() throws Exception {
    DatabaseSettings direct = PostgresDatabases.freshDatabase();
    String database = direct.jdbcUrl().substring(direct.jdbcUrl().lastIndexOf('/') + 1);
    try (var network = new TcpProxy(PostgresDatabases.port())) {
      var settings =
          new DatabaseSettings(
              "jdbc:postgresql://127.0.0.1:" + network.port() + "/" + database,
              direct.user(),
              direct.password(),
              2);
      try (Persistence persistence = Persistence.open(settings)) {
        assertThat(persistence.stores().healthProbe().databaseReachable()).isTrue();

        network.close();
        long started = System.nanoTime();

        assertThatThrownBy(() -> persistence.stores().operators().findById(OperatorId.random()))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessage("The database cannot be reached right now, so reading an operator failed.");
        assertThat(persistence.stores().healthProbe().databaseReachable()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isLessThan(Duration.ofSeconds(10));
      }
    }
  }
}
