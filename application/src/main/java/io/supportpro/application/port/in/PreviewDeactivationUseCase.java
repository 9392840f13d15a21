package io.supportpro.application.port.in;

import io.supportpro.domain.operator.OperatorId;

/** Tells an administrator, before deactivating an operator, whether it would be refused. */
public interface PreviewDeactivationUseCase {
  /**
   * True when the operator is the last active administrator, whom a deactivation must leave in
   * place; the deactivation itself decides again.
   */
  boolean lastActiveAdministrator(OperatorId operator);
}
