package io.supportpro.application.port.in;

/**
 * "Forgot your password?": sends a single-use link to choose a new one, if a mail server is set.
 */
public interface RequestPasswordResetUseCase {
  /** Whether links can be sent at all, that is, whether a mail server is configured. */
  boolean available();

  /**
   * Asks for a link for the account with this username or e-mail address; the answer is the same
   * whether or not such an active account exists.
   */
  RequestPasswordResetResult request(RequestPasswordResetCommand command);
}
