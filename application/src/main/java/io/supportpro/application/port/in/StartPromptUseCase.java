package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;

/** Starts the prompt step of a sign-in whose second factor sends the browser elsewhere. */
public interface StartPromptUseCase {
  /**
   * Prepares the prompt for a session that awaits it: a single-use state bound to the session, and
   * the address to send the browser to; {@code returnTo} is where the browser goes once signed in.
   */
  PromptStartResult start(SessionToken token, String clientAddress, String returnTo);
}
