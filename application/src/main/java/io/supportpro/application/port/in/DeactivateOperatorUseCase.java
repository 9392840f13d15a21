package io.supportpro.application.port.in;

/** Stops an operator from signing in, keeping their record and history. */
public interface DeactivateOperatorUseCase {
  /** Deactivates the operator, audited; the last active administrator cannot be deactivated. */
  OperatorChangeResult deactivate(OperatorCommand command);
}
