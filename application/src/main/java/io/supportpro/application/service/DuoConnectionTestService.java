package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.TestDuoConnectionUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.DuoConnection;
import io.supportpro.application.port.out.DuoGateway;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings page's Test connection: Duo's health check with the typed values, after the same
 * checks as saving (so it reaches only hosts the server allows), audited every time.
 *
 * <p>The administrator learns only whether Duo accepted the values, refused the credentials (an
 * answer only Duo gives), or could not be reached. Every other failure (refused connection, a
 * service that speaks no HTTP, an HTTP server that is not Duo, TLS, a timeout, a proxy refusal)
 * gets one message, and its detail goes to the server's log: the test must not tell what listens
 * where the settings point.
 */
public final class DuoConnectionTestService implements TestDuoConnectionUseCase {
  static final String ACCEPTED = "Duo accepted these settings.";
  static final String REFUSED =
      "Duo refused these credentials. Check the client ID, the client secret and the API"
          + " hostname.";
  static final String FAILED =
      "Duo could not be reached with these settings, or what answered was not Duo. Check the API"
          + " hostname, the proxy and the certificate pins; the server's log tells the"
          + " operations team more.";
  static final String CORRECT = "Correct the settings marked below, then test again.";
  static final String NOT_ACTIVE = "Activate the Duo Security plugin first.";
  static final String UNREADABLE_SECRET =
      "The saved client secret cannot be read with this server's key; enter it again.";

  private final PluginCatalog catalog;
  private final PluginRepository plugins;
  private final DuoGateway duo;
  private final SecretCipher cipher;
  private final URI callbackUri;
  private final AuditLog audit;
  private final Clock clock;

  public DuoConnectionTestService(
      PluginCatalog catalog,
      PluginRepository plugins,
      DuoGateway duo,
      SecretCipher cipher,
      URI callbackUri,
      AuditLog audit,
      Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.plugins = requireNonNull(plugins, "plugins");
    this.duo = requireNonNull(duo, "duo");
    this.cipher = requireNonNull(cipher, "cipher");
    this.callbackUri = requireNonNull(callbackUri, "callbackUri");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public ConnectionTestResult test(Actor actor, Map<String, String> typed) {
    requireNonNull(actor, "actor");
    Optional<Plugin> plugin = catalog.find(DuoPlugin.ID);
    if (plugin.isEmpty() || plugins.state(DuoPlugin.ID) != PluginState.ACTIVE) {
      return audited(actor, typed, "not_active", failed(NOT_ACTIVE, SettingsCheck.CLEAN, ""));
    }
    PluginSettings saved = plugins.settings(DuoPlugin.ID);
    Optional<SettingValue> savedSecret = saved.get(DuoSettings.CLIENT_SECRET);
    Map<String, String> values = new TreeMap<>();
    for (SettingDefinition setting : plugin.get().descriptor().settings()) {
      String value = typed.getOrDefault(setting.key(), "");
      values.put(setting.key(), setting.secret() ? value : value.strip());
    }
    SettingsCheck check =
        PluginSettingsRules.check(
            plugin.get(), values, Map.of(DuoSettings.CLIENT_SECRET, savedSecret.isPresent()));
    if (!check.acceptable()) {
      return audited(actor, values, "invalid_settings", failed(CORRECT, check, ""));
    }
    String secret = values.get(DuoSettings.CLIENT_SECRET);
    DuoSettings tested;
    try {
      tested =
          DuoSettings.parse(
                  values,
                  secret.isEmpty() ? cipher.decrypt(savedSecret.orElseThrow().value()) : secret)
              .orElseThrow();
    } catch (SecretCipher.UndecryptableSecretException e) {
      return audited(
          actor, values, "unreadable_secret", failed(UNREADABLE_SECRET, SettingsCheck.CLEAN, ""));
    }
    return switch (duo.healthCheck(DuoConnection.of(tested, callbackUri))) {
      case DuoGateway.Health.Available available ->
          audited(
              actor,
              values,
              "accepted",
              new ConnectionTestResult(true, ACCEPTED, SettingsCheck.CLEAN, ""));
      // The health check answers 200 with stat FAIL only from a service that speaks Duo's API.
      case DuoGateway.Health.Unavailable down
          when down.failure() == DuoGateway.Failure.INVALID_CONFIGURATION ->
          audited(
              actor,
              values,
              "refused_by_duo",
              failed(REFUSED, SettingsCheck.CLEAN, down.failure() + ": " + down.detail()));
      case DuoGateway.Health.Unavailable down ->
          audited(
              actor,
              values,
              "not_reached",
              failed(FAILED, SettingsCheck.CLEAN, down.failure() + ": " + down.detail()));
    };
  }

  private static ConnectionTestResult failed(String message, SettingsCheck check, String detail) {
    return new ConnectionTestResult(false, message, check, detail);
  }

  /**
   * Records who tested what, from where, and the outcome's class; never the secret, and not the
   * failure's detail, which the audit page would show to every administrator.
   */
  private ConnectionTestResult audited(
      Actor actor, Map<String, String> values, String outcome, ConnectionTestResult result) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("outcome", outcome);
    details.put("api_hostname", shortened(values.getOrDefault(DuoSettings.API_HOSTNAME, "")));
    String proxyHost = values.getOrDefault(DuoSettings.PROXY_HOST, "");
    if (!proxyHost.isBlank()) {
      details.put(
          "proxy",
          shortened(proxyHost.strip() + ":" + values.getOrDefault(DuoSettings.PROXY_PORT, "")));
    }
    audit.append(
        new AuditEvent(
            clock.now(),
            AuditEventType.DUO_CONNECTION_TESTED,
            actor,
            DuoPlugin.ID.value(),
            details));
    return result;
  }

  // What an administrator typed may be long; the audit keeps enough to recognise it.
  private static String shortened(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 255 ? oneLine.substring(0, 255) + "…" : oneLine;
  }
}
