package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Operator;

/** The outcome of resetting an operator's two-factor authentication. */
public sealed interface TwoFactorResetResult {
  /**
   * The authenticator app (or its unfinished set-up) and recovery codes are gone; {@code notice} is
   * what became of the e-mail telling the operator.
   */
  record Reset(Operator operator, NoticeEmail notice) implements TwoFactorResetResult {}

  /** The operator had no authenticator app and no set-up under way: nothing was changed. */
  record NothingToReset(Operator operator) implements TwoFactorResetResult {}

  /** No operator has that identity. */
  record NotFound() implements TwoFactorResetResult {}
}
