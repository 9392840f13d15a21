package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Operator;
import java.util.Objects;

/** An operator with whether a plugin is enabled for them. */
public record OperatorChoice(Operator operator, boolean enabled) {
  public OperatorChoice {
    Objects.requireNonNull(operator, "operator");
  }
}
