package io.supportpro.adapter.out.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.supportpro.application.port.out.HealthProbe;
import io.supportpro.application.testing.HealthProbeContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

class JdbcHealthProbeIT {
  private final List<HikariDataSource> pools = new ArrayList<>();

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  /** A probe over a pool whose database listens nowhere; the pool starts anyway. */
  private HealthProbe probeOfNothingAt(String urlBeforePort, String urlAfterPort) {
    var config = new HikariConfig();
    try {
      config.setJdbcUrl(urlBeforePort + PersistenceIT.closedPort() + urlAfterPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.setConnectionTimeout(250);
    config.setInitializationFailTimeout(-1);
    var pool = new HikariDataSource(config);
    pools.add(pool);
    return new JdbcHealthProbe(pool);
  }

  @Nested
  class OnH2 extends HealthProbeContract {
    @Override
    protected HealthProbe probeOfWorkingStore() {
      return TestDatabase.H2.emptied().healthProbe();
    }

    @Override
    protected HealthProbe probeOfUnreachableStore() {
      return probeOfNothingAt("jdbc:h2:tcp://127.0.0.1:", "/supportpro");
    }
  }

  @Nested
  class OnPostgres extends HealthProbeContract {
    @Override
    protected HealthProbe probeOfWorkingStore() {
      return TestDatabase.POSTGRES.emptied().healthProbe();
    }

    @Override
    protected HealthProbe probeOfUnreachableStore() {
      return probeOfNothingAt("jdbc:postgresql://127.0.0.1:", "/supportpro");
    }
  }
}
