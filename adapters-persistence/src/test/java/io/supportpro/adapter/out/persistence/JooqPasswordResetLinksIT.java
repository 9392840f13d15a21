package io.supportpro.adapter.out.persistence;

import io.supportpro.application.testing.PasswordResetLinksContract;
import org.junit.jupiter.api.Nested;

class JooqPasswordResetLinksIT {
  @Nested
  class OnH2 extends PasswordResetLinksContract {
    @Override
    protected Stores emptyStores() {
      var database = TestDatabase.H2.emptied();
      return new Stores(database.passwordResetLinks(), database.operators());
    }
  }

  @Nested
  class OnPostgres extends PasswordResetLinksContract {
    @Override
    protected Stores emptyStores() {
      var database = TestDatabase.POSTGRES.emptied();
      return new Stores(database.passwordResetLinks(), database.operators());
    }
  }
}
