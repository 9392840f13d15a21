package io.supportpro.application.port.in;

import io.supportpro.domain.Problem;
import io.supportpro.domain.operator.Operator;
import java.util.Map;

/** The outcome of creating an operator. */
public sealed interface CreateOperatorResult {
  /** The operator exists now. */
  record Created(Operator operator) implements CreateOperatorResult {}

  /** Nothing was created; each message belongs next to its field. */
  record Invalid(Map<OperatorField, Problem> problems) implements CreateOperatorResult {
    public Invalid {
      problems = Map.copyOf(problems);
    }
  }
}
