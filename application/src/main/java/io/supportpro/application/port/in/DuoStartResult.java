package io.supportpro.application.port.in;

import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.net.URI;

/** The outcome of starting the Duo step of a sign-in. */
public sealed interface DuoStartResult {
  /** Send the browser to Duo's Universal Prompt. */
  record Redirect(URI location) implements DuoStartResult {}

  /** Duo could not be reached and the fail mode is open: signed in with the password only. */
  record SignedInWithoutDuo(SessionToken token, Session session) implements DuoStartResult {}

  /**
   * No sign-in: the message says why, for the operator; the reason is for the answer's status and
   * tests. The half-signed-in session is ended.
   */
  record Refused(Reason reason, String message) implements DuoStartResult {}

  /** Why the Duo step could not start. */
  enum Reason {
    /** Duo is down, cannot be reached, or turns the panel's requests away for now. */
    DUO_UNAVAILABLE,
    /** Duo rejected the panel's credentials: only an administrator can fix that. */
    CREDENTIALS_REJECTED,
    /** Duo said the request was wrong, or answered in a way that cannot be used. */
    DUO_REFUSED,
    /** The Duo settings are incomplete or cannot be read with this server's key. */
    NOT_CONFIGURED,
    /** Duo was turned off or uninstalled, or the session ended, after the password. */
    SETTINGS_CHANGED
  }

  /** The session has ended or is not waiting for Duo. */
  record SessionEnded() implements DuoStartResult {}
}
