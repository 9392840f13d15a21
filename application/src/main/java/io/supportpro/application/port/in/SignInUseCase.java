package io.supportpro.application.port.in;

/** Checks an operator's password and begins a session. */
public interface SignInUseCase {
  /**
   * Checks the password (in about the same time whether or not the account exists), counts failures
   * against the account and the client address, and begins a new session on success.
   */
  SignInResult signIn(SignInCommand command);
}
