package io.supportpro.application.port.in;

/** Changes an operator's e-mail address, display name and role. */
public interface UpdateOperatorUseCase {
  /** Validates and stores the change, audited; the last active administrator keeps the role. */
  OperatorChangeResult update(UpdateOperatorCommand command);
}
