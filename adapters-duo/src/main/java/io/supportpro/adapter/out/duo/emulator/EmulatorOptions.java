package io.supportpro.adapter.out.duo.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link DuoEmulator}: the Duo application's credentials, the API host name the
 * proxy answers for, how long {@link Fault#SLOW} delays answers, and how long a code lives.
 */
public record EmulatorOptions(
    String clientId,
    String clientSecret,
    String apiHost,
    Duration slowDelay,
    Duration codeLifetime) {

  /** The API host of the emulator; the proxy resolves it, so no DNS entry is needed. */
  public static final String DEFAULT_API_HOST = "api-emulator.duo.test";

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  public EmulatorOptions {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(apiHost, "apiHost");
    Objects.requireNonNull(slowDelay, "slowDelay");
    Objects.requireNonNull(codeLifetime, "codeLifetime");
    if (!clientId.matches("(DI|SI)[A-Za-z0-9]{18}")) {
      throw new IllegalArgumentException(
          "A client id has 20 letters and digits and starts with DI or SI.");
    }
    if (!clientSecret.matches("[A-Za-z0-9]{40}")) {
      throw new IllegalArgumentException("A client secret has 40 letters and digits.");
    }
    if (!apiHost.matches(
        "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+")) {
      throw new IllegalArgumentException("The API host is a lower-case dotted host name.");
    }
    if (slowDelay.isNegative() || slowDelay.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("The slow delay is between 0 and 2 minutes.");
    }
    if (codeLifetime.compareTo(Duration.ofSeconds(1)) < 0
        || codeLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("A code lives between 1 second and 10 minutes.");
    }
  }

  /**
   * Fresh random credentials, the default API host, a slow delay of 15 s (longer than both the
   * gateway's default timeout and the SDK's own 10 s) and codes that live 60 s.
   */
  public static EmulatorOptions defaults() {
    var random = new SecureRandom();
    return new EmulatorOptions(
        "DI" + randomAlphanumeric(random, 18),
        randomAlphanumeric(random, 40),
        DEFAULT_API_HOST,
        Duration.ofSeconds(15),
        Duration.ofSeconds(60));
  }

  /** The same options with another delay for {@link Fault#SLOW}. */
  public EmulatorOptions withSlowDelay(Duration delay) {
    return new EmulatorOptions(clientId, clientSecret, apiHost, delay, codeLifetime);
  }

  /** The same options with another code lifetime. */
  public EmulatorOptions withCodeLifetime(Duration lifetime) {
    return new EmulatorOptions(clientId, clientSecret, apiHost, slowDelay, lifetime);
  }

  @Override
  public String toString() {
    return "EmulatorOptions[clientId=%s, apiHost=%s, slowDelay=%s, codeLifetime=%s]"
        .formatted(clientId, apiHost, slowDelay, codeLifetime);
  }

  static String randomAlphanumeric(SecureRandom random, int length) {
    var out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return out.toString();
  }
}
