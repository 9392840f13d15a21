package io.supportpro.application.service;

import io.supportpro.application.port.in.OperatorField;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** Parses the typed fields of an operator form, collecting one message per field. */
final class OperatorFields {
  private final Map<OperatorField, String> problems = new EnumMap<>(OperatorField.class);

  /** The parsed value, or null after noting the parser's message against the field. */
  <T> T parse(OperatorField field, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      problems.put(field, e.getMessage());
      return null;
    }
  }

  /** Notes a message against a field. */
  void reject(OperatorField field, String message) {
    problems.putIfAbsent(field, message);
  }

  /** True when no field was refused. */
  boolean valid() {
    return problems.isEmpty();
  }

  /** Every message, by field. */
  Map<OperatorField, String> problems() {
    return problems;
  }
}
