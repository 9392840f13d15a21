package io.supportpro.adapter.out.persistence;

import io.supportpro.application.testing.SessionStoreContract;
import org.junit.jupiter.api.Nested;

class JooqSessionStoreIT {
  @Nested
  class OnH2 extends SessionStoreContract {
    @Override
    protected Stores emptyStores() {
      var database = TestDatabase.H2.emptied();
      return new Stores(database.sessions(), database.operators());
    }
  }

  @Nested
  class OnPostgres extends SessionStoreContract {
    @Override
    protected Stores emptyStores() {
      var database = TestDatabase.POSTGRES.emptied();
      return new Stores(database.sessions(), database.operators());
    }
  }
}
