package io.supportpro.application.port.in;

import java.time.Duration;

/** What became of a request for a password reset link; none tells whether the account exists. */
public sealed interface RequestPasswordResetResult {
  /** Taken: a link goes to the account's address if an active account matches. */
  record Accepted() implements RequestPasswordResetResult {}

  /** No mail server is configured, so no link can be sent; an administrator must help. */
  record Unavailable() implements RequestPasswordResetResult {}

  /** Too many requests came from this client; nothing was looked at. */
  record Throttled(Duration retryAfter) implements RequestPasswordResetResult {}
}
