package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;

/** Sends an operator who passed their password to Duo's Universal Prompt. */
public interface StartDuoSignInUseCase {
  /**
   * Checks Duo's health, applies the fail mode when it cannot be used, and otherwise stores a
   * single-use state bound to this session, with the page to return to once signed in, and answers
   * the prompt's address.
   */
  DuoStartResult start(SessionToken token, String clientAddress, String returnTo);
}
