package io.supportpro.application.port.in;

/** Lets an administrator, or the host's operator on the command line, reset a password. */
public interface ResetPasswordUseCase {
  /**
   * Sets the chosen password, or else a temporary one that its operator must replace at their next
   * sign-in; ends every session of the operator, audited.
   */
  ResetPasswordResult reset(ResetPasswordCommand command);
}
