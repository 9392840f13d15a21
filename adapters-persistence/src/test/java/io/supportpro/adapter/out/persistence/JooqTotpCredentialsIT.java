package io.supportpro.adapter.out.persistence;

import io.supportpro.application.testing.TotpCredentialsContract;
import org.junit.jupiter.api.Nested;

class JooqTotpCredentialsIT {
  @Nested
  class OnH2 extends TotpCredentialsContract {
    @Override
    protected Stores emptyStores() {
      Persistence persistence = TestDatabase.H2.emptied();
      return new Stores(persistence.totpCredentials(), persistence.operators());
    }
  }

  @Nested
  class OnPostgres extends TotpCredentialsContract {
    @Override
    protected Stores emptyStores() {
      Persistence persistence = TestDatabase.POSTGRES.emptied();
      return new Stores(persistence.totpCredentials(), persistence.operators());
    }
  }
}
