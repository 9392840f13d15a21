package io.supportpro.adapter.in.web;

import java.util.Optional;

/**
 * The checks the web layer makes on a typed field before any use case sees it: a bound on its
 * length, and no control characters, which no field of the panel can legitimately hold.
 */
final class FieldCheck {
  private FieldCheck() {}

  /** Why the value is refused, or empty when it may go on to the use case. */
  static Optional<String> problem(String value, int maxLength) {
    if (value.length() > maxLength) {
      return Optional.of("This is too long: at most " + maxLength + " characters.");
    }
    if (hasControlCharacter(value)) {
      return Optional.of("This cannot contain control characters such as line breaks or tabs.");
    }
    return Optional.empty();
  }

  static boolean hasControlCharacter(String value) {
    return value
        .codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
  }
}
