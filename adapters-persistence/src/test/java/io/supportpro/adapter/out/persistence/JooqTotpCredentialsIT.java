package io.supportpro.adapter.out.persistence;

import io.supportpro.application.testing.TotpCredentialsContract;
import org.junit.jupiter.api.Nested;

class JooqTotpCredentialsIT {
  @Nested
  class OnH2 extends TotpCredentialsContract {
    @Override
    protected Stores emptyStores() {
      var database = TestDatabase.H2.emptied();
      return new Stores(database.totpCredentials(), database.operators());
    }
  }

  @Nested
  class OnPostgres extends TotpCredentialsContract {
    @Override
    protected Stores emptyStores() {
      var database = TestDatabase.POSTGRES.emptied();
      return new Stores(database.totpCredentials(), database.operators());
    }
  }
}
