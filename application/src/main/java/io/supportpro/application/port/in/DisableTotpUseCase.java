package io.supportpro.application.port.in;

/** Removes the authenticator app from an operator's own account. */
public interface DisableTotpUseCase {
  /**
   * Disables two-factor authentication after a valid authenticator or recovery code; refused while
   * two-factor authentication is required of everyone.
   */
  CodeResult disable(CodeCommand command);
}
