package io.supportpro.application.port.in;

import io.supportpro.domain.operator.OperatorId;

/** Tells an operator (or an administrator) where they stand with two-factor authentication. */
public interface ViewTwoFactorStatusUseCase {
  /** The operator's enrolment, recovery codes left, and whether 2FA is required of everyone. */
  TwoFactorStatus status(OperatorId operator);
}
