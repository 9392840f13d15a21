package io.supportpro.application.port.in;

import io.supportpro.domain.Problem;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import java.util.Optional;

/** The outcome of resetting an operator's password. */
public sealed interface ResetPasswordResult {
  /**
   * The password is set and the operator's sessions ended; {@code temporary} is the password to
   * hand over once, present when none was chosen; {@code notice} is what became of the e-mail
   * telling the operator.
   */
  record Reset(Operator operator, Optional<Password> temporary, NoticeEmail notice)
      implements ResetPasswordResult {}

  /** The chosen password does not meet the policy. */
  record Invalid(Problem problem) implements ResetPasswordResult {}

  /** No operator has that identity. */
  record NotFound() implements ResetPasswordResult {}
}
