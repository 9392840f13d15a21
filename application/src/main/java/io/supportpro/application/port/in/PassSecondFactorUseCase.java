package io.supportpro.application.port.in;

/** Completes a sign-in with an authenticator-app code or a recovery code. */
public interface PassSecondFactorUseCase {
  /**
   * Checks the code for a session awaiting its second factor; on success the session is promoted
   * under a new token. Each code works once; wrong codes are throttled.
   */
  CodeResult passSecondFactor(CodeCommand command);
}
