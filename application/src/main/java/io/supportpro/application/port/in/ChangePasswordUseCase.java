package io.supportpro.application.port.in;

/** Lets a signed-in operator choose a new password for themselves. */
public interface ChangePasswordUseCase {
  /**
   * Checks the current password (throttled like a sign-in) unless the operator must choose a new
   * one after a reset, sets the new one, and ends the operator's other sessions, audited.
   */
  ChangePasswordResult change(ChangePasswordCommand command);
}
