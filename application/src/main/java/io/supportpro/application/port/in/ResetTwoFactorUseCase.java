package io.supportpro.application.port.in;

/** Lets an administrator remove an operator's authenticator app, for example after a lost phone. */
public interface ResetTwoFactorUseCase {
  /**
   * Deletes the operator's enrolment, confirmed or under way, and recovery codes and ends their
   * sessions, audited; changes nothing and audits nothing when there is no enrolment to delete.
   */
  TwoFactorResetResult reset(OperatorCommand command);
}
