package io.supportpro.adapter.in.web;

import java.util.Optional;

/**
 * The checks the web layer makes on a typed field before any use case sees it: a bound on its
 * length, and no control characters, which no field of the panel can legitimately hold.
 */
final class FieldCheck {
  private FieldCheck() {}

  /** Why the value is refused, in the language of the texts, or empty when it may go on. */
  static Optional<String> problem(Texts texts, String value, int maxLength) {
    return problem(value, maxLength).map(texts::get);
  }

  /** Why the value is refused, or empty when it may go on to the use case. */
  static Optional<Phrase> problem(String value, int maxLength) {
    if (value.length() > maxLength) {
      return Optional.of(Phrase.of("field.too-long", maxLength));
    }
    if (hasControlCharacter(value)) {
      return Optional.of(Phrase.of("field.control-characters"));
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
