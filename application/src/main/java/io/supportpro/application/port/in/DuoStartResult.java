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

  /** No sign-in: the message says why, for the operator. The half-signed-in session is ended. */
  record Refused(String message) implements DuoStartResult {}

  /** The session has ended or is not waiting for Duo. */
  record SessionEnded() implements DuoStartResult {}
}
