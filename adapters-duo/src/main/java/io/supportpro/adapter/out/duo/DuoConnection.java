package io.supportpro.adapter.out.duo;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What it takes to talk to one Duo application: its credentials, the API host, where Duo sends the
 * browser back, and the outbound options of a real deployment (an HTTP proxy and extra certificate
 * pins for proxies that inspect TLS).
 */
public record DuoConnection(
    String clientId,
    String clientSecret,
    String apiHost,
    URI redirectUri,
    Optional<Proxy> proxy,
    List<String> extraCertificatePins) {

  /** The connection that Duo settings describe, with Duo sending browsers back to the callback. */
  public static DuoConnection of(DuoSettings settings, URI callbackUri) {
    return new DuoConnection(
        settings.clientId(),
        settings.clientSecret(),
        settings.apiHostname(),
        callbackUri,
        settings.proxyHost().map(host -> new Proxy(host, settings.proxyPort().orElseThrow())),
        settings.certificatePins());
  }

  /** An HTTP proxy that outbound HTTPS goes through with CONNECT. */
  public record Proxy(String host, int port) {
    public Proxy {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("A proxy port is between 1 and 65535.");
      }
    }
  }

  public DuoConnection {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(apiHost, "apiHost");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(proxy, "proxy");
    extraCertificatePins = List.copyOf(extraCertificatePins);
  }

  @Override
  public String toString() {
    return "DuoConnection[clientId=%s, apiHost=%s, redirectUri=%s, proxy=%s, pins=%d]"
        .formatted(clientId, apiHost, redirectUri, proxy, extraCertificatePins.size());
  }
}
