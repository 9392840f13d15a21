package io.supportpro.adapter.out.duo.emulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes {@code application/x-www-form-urlencoded} text, with limits. */
final class Forms {
  static final int MAX_FIELDS = 32;

  private Forms() {}

  /** Thrown for form text that is malformed, repeats a field or has too many fields. */
  static final class MalformedFormException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedFormException(String message) {
      super(message);
    }
  }

  /** The fields of a query string or form body; {@code null} or empty gives no fields. */
  static Map<String, String> parse(String text) {
    var fields = new LinkedHashMap<String, String>();
    if (text == null || text.isEmpty()) {
      return Map.of();
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (fields.put(name, value) != null) {
        throw new MalformedFormException("the field " + name + " is repeated");
      }
      if (fields.size() > MAX_FIELDS) {
        throw new MalformedFormException("too many fields");
      }
    }
    return Collections.unmodifiableMap(fields);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MalformedFormException("bad percent-encoding");
    }
  }
}
