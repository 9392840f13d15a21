package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.domain.operator.OperatorId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A database that goes away while the application runs. */
class DatabaseOutageIT {
  @Test
  void repositoriesReportTheOutageAndTheProbeSeesIt() throws Exception {
    // A server of its own, since this test stops it.
    EmbeddedPostgres server = EmbeddedPostgres.builder().start();
    var settings =
        new DatabaseSettings(
            "jdbc:postgresql://localhost:" + server.getPort() + "/postgres", "postgres", "", 2);
    try (Persistence persistence = Persistence.open(settings)) {
      assertThat(persistence.healthProbe().databaseReachable()).isTrue();

      server.close();
      long started = System.nanoTime();

      assertThatThrownBy(() -> persistence.operators().findById(OperatorId.random()))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessage("The database cannot be reached right now, so reading an operator failed.");
      assertThat(persistence.healthProbe().databaseReachable()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    } finally {
      server.close();
    }
  }
}
