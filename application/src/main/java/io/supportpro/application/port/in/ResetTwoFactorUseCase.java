package io.supportpro.application.port.in;

/** Lets an administrator remove an operator's authenticator app, for example after a lost phone. */
public interface ResetTwoFactorUseCase {
  /** Deletes the operator's enrolment and recovery codes and ends their sessions, audited. */
  OperatorChangeResult reset(OperatorCommand command);
}
