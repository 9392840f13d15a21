package io.supportpro.adapter.out.persistence;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The text form of an audit event's details in one column: {@code key=value} pairs sorted by key
 * and joined by {@code &}, where {@code %}, {@code &}, {@code =} and ASCII control characters are
 * written as {@code %XX} (the character U+00XX) and every other character as itself. So {@code
 * {from=ACTIVE, to=INACTIVE}} reads {@code from=ACTIVE&to=INACTIVE}, stays readable in a SQL
 * console, and any map can be read back exactly as long as it fits.
 */
final class AuditDetails {
  /** The most characters the column holds. */
  static final int MAX_LENGTH = 8000;

  /** The key of the entry that says how many entries did not fit. */
  static final String TRUNCATED_KEY = "(truncated)";

  private static final int MARKER_ROOM = TRUNCATED_KEY.length() + 16;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private AuditDetails() {}

  /**
   * The details as text of at most {@link #MAX_LENGTH} characters; entries that would not fit are
   * left out and counted in a last {@value #TRUNCATED_KEY} entry.
   */
  static String encode(Map<String, String> details) {
    StringBuilder text = new StringBuilder();
    int omitted = 0;
    for (var entry : new TreeMap<>(Objects.requireNonNull(details, "details")).entrySet()) {
      String pair = escape(entry.getKey()) + "=" + escape(entry.getValue());
      int separator = text.isEmpty() ? 0 : 1;
      if (omitted > 0 || text.length() + separator + pair.length() > MAX_LENGTH - MARKER_ROOM) {
        omitted++;
        continue;
      }
      if (separator == 1) {
        text.append('&');
      }
      text.append(pair);
    }
    if (omitted > 0 && !details.containsKey(TRUNCATED_KEY)) {
      text.append(text.isEmpty() ? "" : "&")
          .append(escape(TRUNCATED_KEY))
          .append('=')
          .append(omitted);
    }
    return text.toString();
  }

  /**
   * The details again.
   *
   * @throws IllegalArgumentException when the text is not in this form
   */
  static Map<String, String> decode(String text) {
    Objects.requireNonNull(text, "text");
    Map<String, String> details = new HashMap<>();
    if (text.isEmpty()) {
      return Map.of();
    }
    for (String pair : text.split("&", -1)) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("An audit detail lacks its '='.");
      }
      String key = unescape(pair.substring(0, equals));
      if (details.put(key, unescape(pair.substring(equals + 1))) != null) {
        throw new IllegalArgumentException("An audit detail key appears twice.");
      }
    }
    return Map.copyOf(details);
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '&' || c == '=' || c < 0x20 || c == 0x7f) {
        escaped.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static String unescape(String text) {
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new IllegalArgumentException("An audit detail ends inside an escape.");
        }
        int high = hexDigit(text.charAt(i + 1));
        int low = hexDigit(text.charAt(i + 2));
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("An audit detail holds a malformed escape.");
        }
        plain.append((char) (high << 4 | low));
        i += 2;
      } else {
        plain.append(c);
      }
    }
    return plain.toString();
  }

  /** The value of an upper-case hexadecimal digit, or -1; strict, so each text has one form. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }
}
