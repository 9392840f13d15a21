package io.supportpro.adapter.out.persistence;

import io.supportpro.application.testing.PendingSignInsContract;
import org.junit.jupiter.api.Nested;

class JooqPendingSignInsIT {
  @Nested
  class OnH2 extends PendingSignInsContract {
    @Override
    protected Stores emptyStores() {
      var p = TestDatabase.H2.emptied();
      return new Stores(p.pendingSignIns(), p.plugins(), p.sessions(), p.operators());
    }
  }

  @Nested
  class OnPostgres extends PendingSignInsContract {
    @Override
    protected Stores emptyStores() {
      var p = TestDatabase.POSTGRES.emptied();
      return new Stores(p.pendingSignIns(), p.plugins(), p.sessions(), p.operators());
    }
  }
}
