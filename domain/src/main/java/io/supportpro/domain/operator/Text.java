package io.supportpro.domain.operator;

/** Checks shared by the text values an operator is described with. */
final class Text {
  private Text() {}

  /** True when the text holds a control character or a line or paragraph separator. */
  static boolean hasControlCharacter(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                    || Character.getType(c) == Character.FORMAT);
  }
}
