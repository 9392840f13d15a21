package io.supportpro.domain;

/** Checks shared by the text values people type into the panel. */
public final class Text {
  private Text() {}

  /** True when the text holds a control character or a line or paragraph separator. */
  public static boolean hasControlCharacter(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                    || Character.getType(c) == Character.FORMAT);
  }
}
