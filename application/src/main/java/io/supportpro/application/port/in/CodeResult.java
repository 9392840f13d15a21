package io.supportpro.application.port.in;

import io.supportpro.domain.Problem;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;
import java.util.List;

/** The outcome of an action confirmed with a code. */
public sealed interface CodeResult {
  /**
   * The code was right and the action done. {@code token} and {@code session} are the session now
   * (a new token when the session was promoted); {@code recoveryCodes} are new codes to show once,
   * or empty; {@code notice} is what became of the e-mail telling the operator, if one was due.
   */
  record Accepted(
      SessionToken token, Session session, List<String> recoveryCodes, NoticeEmail notice)
      implements CodeResult {
    public Accepted {
      recoveryCodes = List.copyOf(recoveryCodes);
    }
  }

  /** The code was wrong, malformed or already used; the message says which, for the operator. */
  record Rejected(String message) implements CodeResult {}

  /** Too many wrong codes; nothing was checked. */
  record Throttled(Duration retryAfter) implements CodeResult {}

  /** The code could not be checked now (its provider cannot be reached); nothing was counted. */
  record Unavailable(String message) implements CodeResult {}

  /** The action does not apply: the problem says why (for example, nothing to confirm). */
  record NotApplicable(Problem problem) implements CodeResult {}

  /** The session has ended or is not at the step this action belongs to. */
  record SessionEnded() implements CodeResult {}
}
