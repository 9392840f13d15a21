package io.supportpro.adapter.out.duo;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginTransitionResult;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.service.PluginLifecycleService;
import io.supportpro.application.service.PluginSettingsService;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryStores;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The panel's core over in-memory stores, with the Duo plugin installed, activated and configured
 * for the in-memory Duo through the administrator's own use cases, on a server that lists the
 * in-memory Duo's host and the tests' proxy.
 */
final class DuoPanel {
  static final String CLIENT_ID = "DI1234567890ABCDEFGH";
  static final String SECRET = "abcdefghij0123456789ABCDEFGHIJ0123456789";
  static final String WRONG_SECRET = "ZYXWVUTSRQ9876543210zyxwvutsrq9876543210";
  static final String HOST = InMemoryDuoGateway.API_HOST;
  static final String PROXY = "proxy.example.internal";
  static final URI PUBLIC_URL = URI.create("https://help.example.com");
  static final URI CALLBACK = URI.create(PUBLIC_URL + "/duo/callback");

  final MutableClock clock = MutableClock.atStart();
  final Stores stores = InMemoryStores.create();
  final InMemoryAuditLog audit = (InMemoryAuditLog) stores.auditLog();
  final FakeSecretCipher cipher = new FakeSecretCipher();
  final Actor admin = actingAs(administrator("root"));
  final PluginCatalog catalog;
  private final PluginLifecycleService lifecycle;
  private final PluginSettingsService settings;

  DuoPanel(DuoGateway gateway) {
    catalog =
        new InMemoryPluginCatalog(
            List.of(new DuoSecurityPlugin(gateway, DuoHosts.DUO_ONLY.and(List.of(HOST, PROXY)))));
    lifecycle = new PluginLifecycleService(catalog, stores.plugins(), audit, clock);
    settings = new PluginSettingsService(catalog, stores.plugins(), cipher, audit, clock);
    changed(lifecycle.install(command()));
    changed(lifecycle.activate(command()));
    configure(Map.of());
  }

  /** Complete settings for the in-memory Duo as an administrator types them, with overrides. */
  static Map<String, String> typed(Map<String, String> overrides) {
    Map<String, String> typed = new HashMap<>();
    typed.put(DuoSettings.CLIENT_ID, CLIENT_ID);
    typed.put(DuoSettings.CLIENT_SECRET, SECRET);
    typed.put(DuoSettings.API_HOSTNAME, HOST);
    typed.put(DuoSettings.FAIL_MODE, "closed");
    typed.put(DuoSettings.USERNAME_SOURCE, "username");
    typed.put(DuoSettings.PROXY_HOST, "");
    typed.put(DuoSettings.PROXY_PORT, "");
    typed.put(DuoSettings.CERTIFICATE_PINS, "");
    typed.putAll(overrides);
    return typed;
  }

  /** Saves Duo's settings through the settings page, with Duo's rules. */
  void configure(Map<String, String> overrides) {
    assertThat(
            settings.save(
                new SavePluginSettingsCommand(admin, DuoSecurityPlugin.ID, typed(overrides))))
        .isInstanceOf(SavePluginSettingsResult.Saved.class);
  }

  void deactivate() {
    changed(lifecycle.deactivate(command()));
  }

  List<AuditEvent> events(AuditEventType type) {
    return audit.all().stream().filter(e -> e.type() == type).toList();
  }

  private PluginCommand command() {
    return new PluginCommand(admin, DuoSecurityPlugin.ID);
  }

  private static void changed(PluginTransitionResult result) {
    assertThat(result).isInstanceOf(PluginTransitionResult.Changed.class);
  }
}
