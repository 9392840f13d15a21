package io.supportpro.application.port.in;

import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;

/** The outcome of the browser's return from a prompt. */
public sealed interface PromptCallbackResult {
  /**
   * The method verified the answer: fully signed in under a new session token, to be sent to the
   * page given when the sign-in started.
   */
  record SignedIn(SessionToken token, Session session, String returnTo)
      implements PromptCallbackResult {}

  /**
   * The same callback arrived again from the browser whose sign-in an earlier arrival took: that
   * arrival finishes the sign-in, and this one sends the browser on to the same page without
   * touching its session or cookie.
   */
  record Duplicate(String returnTo) implements PromptCallbackResult {}

  /**
   * No sign-in; the message is for the operator, the reason for the answer's status and tests.
   * {@code endedSignIn} says whether this callback ended the browser's waiting session, whose
   * cookie may then go; when it did not, the cookie may already be a newer one, set by an earlier
   * arrival of the same callback that completed the sign-in, and must be left alone.
   */
  record Rejected(Reason reason, String message, boolean endedSignIn)
      implements PromptCallbackResult {}

  /**
   * Refused without a look, because this client address sent too many callbacks that belonged to no
   * sign-in; it may try again after the wait.
   */
  record Throttled(Duration retryAfter, boolean endedSignIn) implements PromptCallbackResult {}

  /** Why a callback was refused. */
  enum Reason {
    /** The state is missing, unknown or already used. */
    UNKNOWN_STATE,
    /** The pending sign-in is older than five minutes. */
    EXPIRED,
    /** The state belongs to a sign-in begun in another browser. */
    OTHER_BROWSER,
    /** The half-signed-in session has ended or no longer waits for this prompt. */
    SESSION_ENDED,
    /** The method refused the answer: a denial, an error, an answer that does not verify. */
    REFUSED,
    /**
     * The provider could not be reached or failed while the answer was checked; after the redirect
     * no fail mode lets anyone in.
     */
    UNAVAILABLE,
    /** The plugin was deactivated or its settings can no longer be used. */
    SETTINGS_CHANGED
  }
}
