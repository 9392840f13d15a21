package io.supportpro.application.port.in;

/** Finishes a sign-in when the browser comes back from Duo's Universal Prompt. */
public interface CompleteDuoSignInUseCase {
  /**
   * Takes the state (once), checks it belongs to this browser's live pending sign-in, exchanges the
   * code, and signs the operator in only when Duo answered {@code allow} for the same user. Every
   * refusal ends the half-signed-in session and is audited.
   */
  DuoCallbackResult complete(DuoCallbackCommand command);
}
