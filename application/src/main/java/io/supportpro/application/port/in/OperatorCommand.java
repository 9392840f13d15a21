package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.OperatorId;
import java.util.Objects;

/** An administrator's request concerning one operator. */
public record OperatorCommand(Actor actor, OperatorId operator) {
  public OperatorCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(operator, "operator");
  }
}
