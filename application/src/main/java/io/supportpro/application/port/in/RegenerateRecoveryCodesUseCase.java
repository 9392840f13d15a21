package io.supportpro.application.port.in;

/** Replaces an operator's recovery codes. */
public interface RegenerateRecoveryCodesUseCase {
  /**
   * Issues ten new codes after a valid authenticator or recovery code; the old ones stop working.
   */
  CodeResult regenerate(CodeCommand command);
}
