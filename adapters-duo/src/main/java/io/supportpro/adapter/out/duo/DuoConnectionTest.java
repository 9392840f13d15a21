package io.supportpro.adapter.out.duo;

import io.supportpro.application.port.out.ConnectionTest;
import io.supportpro.domain.plugin.PluginSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Duo's health check with the settings typed on the settings page. The administrator learns only
 * whether Duo accepted the values, refused the credentials (an answer only Duo gives), or could not
 * be reached. Every other failure (refused connection, a service that speaks no HTTP, an HTTP
 * server that is not Duo, TLS, a timeout, a proxy refusal) gets one message, and its detail goes to
 * the server's log: the test must not tell what listens where the settings point.
 */
final class DuoConnectionTest implements ConnectionTest {
  // Keys of the plugin's bundle.
  static final String ACCEPTED = "duo-security.test.accepted";
  static final String REFUSED = "duo-security.test.refused";
  static final String FAILED = "duo-security.test.failed";

  private final DuoGateway duo;

  DuoConnectionTest(DuoGateway duo) {
    this.duo = duo;
  }

  @Override
  public Outcome test(PluginSettings typed, URI panelAddress) {
    Optional<DuoSettings> settings = DuoSettings.from(typed);
    if (settings.isEmpty()) {
      return new Outcome(false, "invalid_settings", FAILED, "the settings do not parse");
    }
    URI callback = URI.create(panelAddress + DuoPromptMethod.CALLBACK_PATH);
    return switch (duo.healthCheck(DuoConnection.of(settings.get(), callback))) {
      case DuoGateway.Health.Available available -> new Outcome(true, "accepted", ACCEPTED, "");
      // The health check answers 200 with stat FAIL only from a service that speaks Duo's API.
      case DuoGateway.Health.Unavailable down
          when down.failure() == DuoGateway.Failure.INVALID_CONFIGURATION ->
          new Outcome(false, "refused_by_duo", REFUSED, down.failure() + ": " + down.detail());
      case DuoGateway.Health.Unavailable down ->
          new Outcome(false, "not_reached", FAILED, down.failure() + ": " + down.detail());
    };
  }

  @Override
  public Map<String, String> audited(Map<String, String> typed) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("api_hostname", typed.getOrDefault(DuoSettings.API_HOSTNAME, ""));
    String proxyHost = typed.getOrDefault(DuoSettings.PROXY_HOST, "");
    if (!proxyHost.isBlank()) {
      details.put(
          "proxy", proxyHost.strip() + ":" + typed.getOrDefault(DuoSettings.PROXY_PORT, ""));
    }
    return details;
  }
}
