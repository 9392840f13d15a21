package io.supportpro.application.testing;

import io.supportpro.application.port.out.Stores;

/** Every store port kept in memory, for tests that wire the services without a database. */
public final class InMemoryStores {
  private InMemoryStores() {}

  /**
   * Empty stores whose health probe always answers; like the database's foreign keys, a pending
   * sign-in goes with its plugin and its session, and a password reset link with its operator.
   */
  public static Stores create() {
    var operators = new InMemoryOperatorRepository();
    var plugins = new InMemoryPluginRepository(operators);
    var sessions = new InMemorySessionStore();
    return new Stores(
        operators,
        plugins,
        new InMemoryAuditLog(),
        sessions,
        new InMemoryFailedAttempts(),
        new InMemoryTotpCredentials(),
        new InMemoryPanelSettings(),
        new InMemoryPendingSignIns(
            p -> plugins.state(p.plugin()).isInstalled() && sessions.find(p.session()).isPresent()),
        new InMemoryPasswordResetLinks(operator -> operators.findById(operator).isPresent()),
        () -> true,
        new InMemoryKnownBrowsers(),
        new InMemoryUnitOfWork());
  }
}
