package io.supportpro.application.service;

import io.supportpro.application.port.in.OperatorField;
import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** Parses the typed fields of an operator form, collecting one message per field. */
final class OperatorFields {
  private final Map<OperatorField, Problem> problems = new EnumMap<>(OperatorField.class);

  /** The parsed value, or null after noting the parser's problem against the field. */
  <T> T parse(OperatorField field, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (InvalidValueException e) {
      problems.put(field, e.problem());
      return null;
    }
  }

  /** Notes a problem against a field. */
  void reject(OperatorField field, Problem problem) {
    problems.putIfAbsent(field, problem);
  }

  /** True when no field was refused. */
  boolean valid() {
    return problems.isEmpty();
  }

  /** Every problem, by field. */
  Map<OperatorField, Problem> problems() {
    return problems;
  }
}
