package io.supportpro.adapter.out.persistence;

import io.supportpro.application.testing.KnownBrowsersContract;
import org.junit.jupiter.api.Nested;

class JooqKnownBrowsersIT {
  @Nested
  class OnH2 extends KnownBrowsersContract {
    @Override
    protected Stores emptyStores() {
      var p = TestDatabase.H2.emptied();
      return new Stores(p.knownBrowsers(), p.operators());
    }
  }

  @Nested
  class OnPostgres extends KnownBrowsersContract {
    @Override
    protected Stores emptyStores() {
      var p = TestDatabase.POSTGRES.emptied();
      return new Stores(p.knownBrowsers(), p.operators());
    }
  }
}
