package io.supportpro.adapter.out.persistence;

import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.testing.FailedAttemptsContract;
import org.junit.jupiter.api.Nested;

class JooqFailedAttemptsIT {
  @Nested
  class OnH2 extends FailedAttemptsContract {
    @Override
    protected FailedAttempts emptyStore() {
      return TestDatabase.H2.emptied().failedAttempts();
    }
  }

  @Nested
  class OnPostgres extends FailedAttemptsContract {
    @Override
    protected FailedAttempts emptyStore() {
      return TestDatabase.POSTGRES.emptied().failedAttempts();
    }
  }
}
