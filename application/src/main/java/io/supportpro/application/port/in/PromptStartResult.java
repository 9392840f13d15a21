package io.supportpro.application.port.in;

import io.supportpro.domain.Problem;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.net.URI;
import java.util.Optional;

/** The outcome of starting the prompt step of a sign-in. */
public sealed interface PromptStartResult {
  /** Send the browser to the prompt. */
  record Redirect(URI location) implements PromptStartResult {}

  /**
   * The prompt's provider could not be reached and the method's settings let the operator in
   * regardless: signed in with the password only, audited as such.
   */
  record SignedInWithoutSecondFactor(SessionToken token, Session session)
      implements PromptStartResult {}

  /**
   * No sign-in: the message says why, for the operator, in the method's words or, when the panel
   * refused by itself, as its {@code problem}; {@code unavailable} tells an outage (try again
   * later) from a refusal. The half-signed-in session is ended.
   */
  record Refused(boolean unavailable, String message, Optional<Problem> problem)
      implements PromptStartResult {
    /** A refusal in the method's own words. */
    public Refused(boolean unavailable, String message) {
      this(unavailable, message, Optional.empty());
    }

    /** A refusal of the panel's own. */
    public Refused(Problem problem) {
      this(false, problem.message(), Optional.of(problem));
    }
  }

  /** The session has ended or is not waiting for a prompt. */
  record SessionEnded() implements PromptStartResult {}
}
