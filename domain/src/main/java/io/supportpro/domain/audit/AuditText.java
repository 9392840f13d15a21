package io.supportpro.domain.audit;

/** Keeps text written into the audit log bounded and printable. */
final class AuditText {
  private AuditText() {}

  /**
   * The text with control characters, line and paragraph separators and invisible format characters
   * (such as bidirectional overrides) replaced, cut to at most {@code max} characters.
   */
  static String clip(String text, int max) {
    StringBuilder clean = new StringBuilder(Math.min(text.length(), max));
    text.codePoints().map(c -> unprintable(c) ? '?' : c).limit(max).forEach(clean::appendCodePoint);
    if (clean.length() <= max) {
      return clean.toString();
    }
    // Cutting between the two halves of a surrogate pair would leave text that cannot be encoded.
    return clean.substring(0, Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max);
  }

  // What a person typed (a failed sign-in's name) must not break or reorder the log's lines.
  private static boolean unprintable(int c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT;
  }
}
