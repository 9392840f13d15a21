package io.supportpro.application.testing;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.HealthProbe;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The in-memory adapters pass the same contracts as the real ones. */
class InMemoryAdaptersTest {
  /** A plugin that only describes itself. */
  static Plugin plugin(String id, String name) {
    var descriptor =
        new PluginDescriptor(new PluginId(id), name, "A test plugin.", "1.0", "Test", List.of());
    return () -> descriptor;
  }

  @Nested
  class Operators extends OperatorRepositoryContract {
    @Override
    protected OperatorRepository emptyRepository() {
      return new InMemoryOperatorRepository();
    }
  }

  @Nested
  class Plugins extends PluginRepositoryContract {
    @Override
    protected Repositories emptyRepositories() {
      var operators = new InMemoryOperatorRepository();
      return new Repositories(new InMemoryPluginRepository(operators), operators);
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    @Override
    protected AuditLog emptyLog() {
      return new InMemoryAuditLog();
    }
  }

  @Nested
  class Hasher extends PasswordHasherContract {
    @Override
    protected PasswordHasher hasher() {
      return new FakePasswordHasher();
    }
  }

  @Nested
  class Cipher extends SecretCipherContract {
    @Override
    protected SecretCipher cipher() {
      return new FakeSecretCipher();
    }
  }

  @Nested
  class Catalog extends PluginCatalogContract {
    @Override
    protected PluginCatalog catalog() {
      return new InMemoryPluginCatalog(List.of(plugin("zeta", "Zeta"), plugin("alpha", "Alpha")));
    }
  }

  @Nested
  class Clocks extends ClockContract {
    @Override
    protected Clock clock() {
      return MutableClock.atStart();
    }
  }

  @Nested
  class Sessions extends SessionStoreContract {
    @Override
    protected Stores emptyStores() {
      return new Stores(new InMemorySessionStore(), new InMemoryOperatorRepository());
    }
  }

  @Nested
  class Browsers extends KnownBrowsersContract {
    @Override
    protected Stores emptyStores() {
      return new Stores(new InMemoryKnownBrowsers(), new InMemoryOperatorRepository());
    }
  }

  @Nested
  class Attempts extends FailedAttemptsContract {
    @Override
    protected FailedAttempts emptyStore() {
      return new InMemoryFailedAttempts();
    }
  }

  @Nested
  class Totp extends TotpCredentialsContract {
    @Override
    protected Stores emptyStores() {
      return new Stores(new InMemoryTotpCredentials(), new InMemoryOperatorRepository());
    }
  }

  @Nested
  class Pending extends PendingSignInsContract {
    @Override
    protected Stores emptyStores() {
      var plugins = new InMemoryPluginRepository();
      var sessions = new InMemorySessionStore();
      var pending =
          new InMemoryPendingSignIns(
              p ->
                  plugins.state(p.plugin()).isInstalled()
                      && sessions.find(p.session()).isPresent());
      return new Stores(pending, plugins, sessions, new InMemoryOperatorRepository());
    }
  }

  @Nested
  class ResetLinks extends PasswordResetLinksContract {
    @Override
    protected Stores emptyStores() {
      var operators = new InMemoryOperatorRepository();
      return new Stores(
          new InMemoryPasswordResetLinks(operator -> operators.findById(operator).isPresent()),
          operators);
    }
  }

  @Nested
  class Settings extends PanelSettingsContract {
    @Override
    protected PanelSettings freshSettings() {
      return new InMemoryPanelSettings();
    }
  }

  @Nested
  class Health extends HealthProbeContract {
    @Override
    protected HealthProbe probeOfWorkingStore() {
      return () -> true;
    }

    @Override
    protected HealthProbe probeOfUnreachableStore() {
      return () -> false;
    }
  }
}
