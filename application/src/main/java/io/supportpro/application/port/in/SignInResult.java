package io.supportpro.application.port.in;

import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;

/** The outcome of a sign-in attempt with a password. */
public sealed interface SignInResult {
  /**
   * The password was right and a new session began; its stage says whether a second factor or
   * enrolment comes next.
   */
  record SessionStarted(SessionToken token, Session session) implements SignInResult {}

  /** The account does not exist or the password is wrong; the two are not told apart. */
  record InvalidCredentials() implements SignInResult {}

  /**
   * Too many failures: no password was checked, or the right one was refused because failures
   * checked alongside it locked the account.
   */
  record Throttled(Duration retryAfter) implements SignInResult {}

  /**
   * So many sign-ins are being checked already that this one was turned away unchecked and
   * uncounted; it may be tried again after the pause.
   */
  record Busy(Duration retryAfter) implements SignInResult {}

  /** The password was right but the operator has been deactivated. */
  record Deactivated() implements SignInResult {}
}
