package io.supportpro.application.port.in;

import io.supportpro.domain.Problem;
import io.supportpro.domain.operator.Operator;
import java.util.Map;

/** The outcome of changing an existing operator. */
public sealed interface OperatorChangeResult {
  /**
   * The change is stored; this is the operator as it is now, and {@code notice} what became of the
   * e-mail telling them, if the change called for one.
   */
  record Changed(Operator operator, NoticeEmail notice) implements OperatorChangeResult {}

  /** No operator has that identity. */
  record NotFound() implements OperatorChangeResult {}

  /** Nothing changed; each message belongs next to its field. */
  record Invalid(Map<OperatorField, Problem> problems) implements OperatorChangeResult {
    public Invalid {
      problems = Map.copyOf(problems);
    }
  }

  /** Nothing changed, because no active administrator would be left. */
  record LastAdministrator() implements OperatorChangeResult {}
}
