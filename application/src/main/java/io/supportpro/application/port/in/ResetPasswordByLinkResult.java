package io.supportpro.application.port.in;

import io.supportpro.domain.Problem;
import java.util.Map;
import java.util.Objects;

/** What became of a new password chosen through a reset link. */
public sealed interface ResetPasswordByLinkResult {
  /** The password was set and every session of the operator ended; the link is used up. */
  record Changed(int endedSessions) implements ResetPasswordByLinkResult {}

  /**
   * The passwords were refused, by field ({@code CHOSEN}, {@code REPEATED}); the link still works.
   */
  record Invalid(Map<PasswordField, Problem> problems) implements ResetPasswordByLinkResult {
    public Invalid {
      problems = Map.copyOf(Objects.requireNonNull(problems, "problems"));
    }
  }

  /** The link cannot be used (any more); nothing changed. */
  record Unusable() implements ResetPasswordByLinkResult {}
}
