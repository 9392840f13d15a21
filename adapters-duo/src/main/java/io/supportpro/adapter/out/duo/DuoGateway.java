package io.supportpro.adapter.out.duo;

import java.net.URI;

/**
 * Talks to Duo's Universal Prompt service. Every failure, whatever its kind, comes back as an
 * outcome, never as an exception, classified precisely enough for the caller to tell an outage
 * (where the fail mode applies) from a refusal (where it never does).
 */
public interface DuoGateway {
  /** Why Duo could not be used. */
  enum Failure {
    /** Duo could not be reached in time: network, DNS, TLS, proxy or timeout. */
    UNREACHABLE,
    /** Duo answered with a server error (HTTP 5xx): Duo itself is failing. */
    SERVICE_ERROR,
    /** Duo answered 429: it turns away this client's requests for now. */
    RATE_LIMITED,
    /** Duo answered with another client error (HTTP 4xx): it says the request was wrong. */
    REQUEST_REFUSED,
    /** Duo answered with success, but with a body that could not be read or used. */
    MALFORMED_ANSWER,
    /** Duo refused the credentials, or they are malformed. */
    INVALID_CONFIGURATION,
    /**
     * The code was refused or the id token did not verify (signature, issuer, audience, user,
     * time).
     */
    INVALID_RESPONSE;

    /**
     * Whether Duo is down or cannot be reached: the only failures a fail mode of {@code open} may
     * excuse. An answer that refuses the request, rate-limits it or cannot be read is not an
     * outage, since whoever can provoke it could otherwise switch the second factor off.
     */
    public boolean isOutage() {
      return this == UNREACHABLE || this == SERVICE_ERROR;
    }
  }

  /** The outcome of a health check. */
  sealed interface Health {
    /** Duo is up and accepts the credentials. */
    record Available() implements Health {}

    /** Duo cannot be used now; {@code detail} is for logs and administrators, never secret. */
    record Unavailable(Failure failure, String detail) implements Health {}
  }

  /** The outcome of preparing the redirect to the Universal Prompt. */
  sealed interface Prompt {
    /** Where to send the browser. */
    record Redirect(URI location) implements Prompt {}

    /** No redirect can be made; {@code detail} is for logs and administrators, never secret. */
    record Unavailable(Failure failure, String detail) implements Prompt {}
  }

  /** The outcome of exchanging the code Duo sent back with the browser. */
  sealed interface Result {
    /**
     * Duo's verified answer: for whom ({@code username}, as Duo echoes it), and whether it is
     * {@code allow}. {@code transactionId} and {@code factor} are for the audit log.
     */
    record Verified(
        String username, boolean allowed, String statusMessage, String transactionId, String factor)
        implements Result {}

    /** The code could not be exchanged or the answer did not verify. */
    record Unverified(Failure failure, String detail) implements Result {}
  }

  /** Asks Duo whether it is up and accepts the connection's credentials. */
  Health healthCheck(DuoConnection connection);

  /**
   * The Universal Prompt address for the user, carrying the state that comes back with the browser;
   * {@code username} is sent as given.
   */
  Prompt prompt(DuoConnection connection, String username, String state);

  /** Exchanges the code for Duo's verified answer for the user. */
  Result exchange(DuoConnection connection, String code, String username);
}
