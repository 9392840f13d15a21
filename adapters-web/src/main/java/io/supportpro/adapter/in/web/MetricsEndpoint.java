package io.supportpro.adapter.in.web;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} serves, and to whom: the service's metrics in the Prometheus text
 * format, to a scraper that presents this bearer token.
 */
public record MetricsEndpoint(String bearerToken, Supplier<String> prometheusText) {
  /** The shortest token accepted: long enough that guessing it is hopeless. */
  public static final int MIN_TOKEN_LENGTH = 32;

  public MetricsEndpoint {
    Objects.requireNonNull(bearerToken, "bearerToken");
    Objects.requireNonNull(prometheusText, "prometheusText");
    if (bearerToken.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "The metrics token has at least " + MIN_TOKEN_LENGTH + " characters.");
    }
  }

  @Override
  public String toString() {
    return "MetricsEndpoint[bearerToken=(hidden)]";
  }
}
