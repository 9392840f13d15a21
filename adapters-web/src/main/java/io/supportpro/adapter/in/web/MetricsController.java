package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.domain.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Answers {@code GET /metrics} for a Prometheus scraper that presents the configured bearer token;
 * anyone else gets a 401 and learns nothing of the service.
 */
final class MetricsController {
  private static final String BEARER = "Bearer ";

  private final MetricsEndpoint endpoint;
  private final byte[] expected;

  MetricsController(MetricsEndpoint endpoint) {
    this.endpoint = endpoint;
    this.expected = digest(endpoint.bearerToken());
  }

  void register(RoutesConfig routes) {
    routes.get("/metrics", this::metrics, Access.RESOURCE);
  }

  private void metrics(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    if (!authorized(ctx.header("Authorization"))) {
      ctx.status(401)
          .header("WWW-Authenticate", "Bearer realm=\"metrics\"")
          .contentType("text/plain; charset=utf-8")
          .result("The metrics are for scrapers that send the configured bearer token.\n");
      return;
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(endpoint.prometheusText().get());
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    // Digests of equal length, compared in constant time: the answer's timing says nothing of
    // how much of the token was right.
    return MessageDigest.isEqual(expected, digest(header.substring(BEARER.length()).strip()));
  }

  private static byte[] digest(String token) {
    return Sha256.hex(token).getBytes(StandardCharsets.US_ASCII);
  }
}
