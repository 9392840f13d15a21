package io.supportpro.application.port.in;

import io.supportpro.domain.Problem;
import java.time.Duration;
import java.util.Map;

/** The outcome of an operator changing their own password. */
public sealed interface ChangePasswordResult {
  /** The new password is set; the operator's other sessions ended; {@code notice} was e-mailed. */
  record Changed(int endedSessions, NoticeEmail notice) implements ChangePasswordResult {}

  /** Nothing changed; each message belongs next to its field. */
  record Invalid(Map<PasswordField, Problem> problems) implements ChangePasswordResult {
    public Invalid {
      problems = Map.copyOf(problems);
    }
  }

  /** Too many wrong current passwords: nothing was checked; try again after the wait. */
  record Throttled(Duration retryAfter) implements ChangePasswordResult {}

  /** The session is not (or no longer) fully signed in. */
  record NotSignedIn() implements ChangePasswordResult {}
}
