package io.supportpro.domain.audit;

/** Keeps text written into the audit log bounded and printable. */
final class AuditText {
  private AuditText() {}

  /** The text without control characters, cut to at most {@code max} characters. */
  static String clip(String text, int max) {
    StringBuilder clean = new StringBuilder(Math.min(text.length(), max));
    text.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .limit(max)
        .forEach(clean::appendCodePoint);
    if (clean.length() <= max) {
      return clean.toString();
    }
    // Cutting between the two halves of a surrogate pair would leave text that cannot be encoded.
    return clean.substring(0, Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max);
  }
}
