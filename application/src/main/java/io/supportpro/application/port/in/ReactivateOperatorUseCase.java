package io.supportpro.application.port.in;

/** Lets a deactivated operator sign in again. */
public interface ReactivateOperatorUseCase {
  /** Reactivates the operator, audited. */
  OperatorChangeResult reactivate(OperatorCommand command);
}
