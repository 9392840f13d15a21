package io.supportpro.adapter.out.persistence;

import io.supportpro.application.testing.SessionStoreContract;
import org.junit.jupiter.api.Nested;

class JooqSessionStoreIT {
  @Nested
  class OnH2 extends SessionStoreContract {
    @Override
    protected Stores emptyStores() {
      Persistence persistence = TestDatabase.H2.emptied();
      return new Stores(persistence.sessions(), persistence.operators());
    }
  }

  @Nested
  class OnPostgres extends SessionStoreContract {
    @Override
    protected Stores emptyStores() {
      Persistence persistence = TestDatabase.POSTGRES.emptied();
      return new Stores(persistence.sessions(), persistence.operators());
    }
  }
}
