package io.supportpro.application.port.in;

/** Creates an operator with a password that meets the password policy. */
public interface CreateOperatorUseCase {
  /** Validates every field, hashes the password and stores the operator, audited. */
  CreateOperatorResult create(CreateOperatorCommand command);
}
