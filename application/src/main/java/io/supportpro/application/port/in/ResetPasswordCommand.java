package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Password;
import java.util.Objects;
import java.util.Optional;

/** A reset of {@code operator}'s password: to {@code chosen}, or else to a temporary one. */
public record ResetPasswordCommand(Actor actor, OperatorId operator, Optional<Password> chosen) {
  public ResetPasswordCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(chosen, "chosen");
  }
}
