package io.supportpro.adapter.out.duo.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the emulator: it writes the nested answers Duo gives and reads the small
 * objects inside the SDK's JWTs. Integral numbers read as {@link Long}, others as {@link
 * BigDecimal}; duplicate keys, trailing text and deep nesting are refused.
 */
final class Json {
  static final int MAX_DEPTH = 16;

  private Json() {}

  /** Thrown for text that is not JSON this reader accepts. */
  static final class MalformedJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message) {
      super(message);
    }
  }

  /** Writes maps (string keys), lists, strings, numbers, booleans and null. */
  static String write(Object value) {
    var out = new StringBuilder();
    write(out, value, 0);
    return out.toString();
  }

  /** Reads a JSON object. */
  static Map<String, Object> readObject(String text) {
    if (!(read(text) instanceof Map<?, ?> map)) {
      throw new MalformedJsonException("not a JSON object");
    }
    @SuppressWarnings("unchecked")
    var object = (Map<String, Object>) map;
    return object;
  }

  /** Reads any JSON value. */
  static Object read(String text) {
    var reader = new Reader(text);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.position != text.length()) {
      throw new MalformedJsonException("trailing text at " + reader.position);
    }
    return value;
  }

  private static void write(StringBuilder out, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested too deeply");
    }
    switch (value) {
      case null -> out.append("null");
      case String text -> quote(out, text);
      case Boolean bool -> out.append(bool);
      case Integer number -> out.append(number);
      case Long number -> out.append(number);
      case BigDecimal number -> out.append(number.toPlainString());
      case Double number -> {
        if (!Double.isFinite(number)) {
          throw new IllegalArgumentException("JSON has no NaN or infinity");
        }
        out.append(BigDecimal.valueOf(number).toPlainString());
      }
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (var entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new IllegalArgumentException("JSON keys are strings");
          }
          if (!first) {
            out.append(',');
          }
          first = false;
          quote(out, key);
          out.append(':');
          write(out, entry.getValue(), depth + 1);
        }
        out.append('}');
      }
      case Collection<?> list -> {
        out.append('[');
        boolean first = true;
        for (Object element : list) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(out, element, depth + 1);
        }
        out.append(']');
      }
      default ->
          throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName());
    }
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // Also escape the line separators JavaScript once treated as line ends.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append("\\u%04x".formatted((int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final class Reader {
    private final String text;
    private int position;

    Reader(String text) {
      this.text = text;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw new MalformedJsonException("nested too deeply");
      }
      if (position >= text.length()) {
        throw new MalformedJsonException("unexpected end");
      }
      char c = text.charAt(position);
      return switch (c) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw new MalformedJsonException("unexpected '" + c + "' at " + position);
        }
      };
    }

    private Map<String, Object> object(int depth) {
      position++;
      var map = new LinkedHashMap<String, Object>();
      skipWhitespace();
      if (peek() == '}') {
        position++;
        return Collections.unmodifiableMap(map);
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw new MalformedJsonException("expected a key at " + position);
        }
        String key = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        Object value = value(depth + 1);
        if (map.containsKey(key)) {
          throw new MalformedJsonException("duplicate key " + key);
        }
        map.put(key, value);
        skipWhitespace();
        char c = next();
        if (c == '}') {
          return Collections.unmodifiableMap(map);
        }
        if (c != ',') {
          throw new MalformedJsonException("expected ',' or '}' at " + (position - 1));
        }
      }
    }

    private List<Object> array(int depth) {
      position++;
      var list = new ArrayList<Object>();
      skipWhitespace();
      if (peek() == ']') {
        position++;
        return Collections.unmodifiableList(list);
      }
      while (true) {
        skipWhitespace();
        list.add(value(depth + 1));
        skipWhitespace();
        char c = next();
        if (c == ']') {
          return Collections.unmodifiableList(list);
        }
        if (c != ',') {
          throw new MalformedJsonException("expected ',' or ']' at " + (position - 1));
        }
      }
    }

    private String string() {
      expect('"');
      var out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw new MalformedJsonException("control character in a string at " + (position - 1));
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char escaped = next();
        switch (escaped) {
          case '"', '\\', '/' -> out.append(escaped);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (position + 4 > text.length()) {
              throw new MalformedJsonException("short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
            } catch (NumberFormatException e) {
              throw new MalformedJsonException("bad \\u escape at " + position);
            }
            position += 4;
          }
          default -> throw new MalformedJsonException("bad escape at " + (position - 1));
        }
      }
    }

    private Object number() {
      int start = position;
      if (peek() == '-') {
        position++;
      }
      int digits = digits();
      if (digits == 0 || (digits > 1 && text.charAt(position - digits) == '0')) {
        throw new MalformedJsonException("bad number at " + start);
      }
      boolean integral = true;
      if (peek() == '.') {
        position++;
        integral = false;
        if (digits() == 0) {
          throw new MalformedJsonException("bad fraction at " + start);
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        position++;
        integral = false;
        if (peek() == '+' || peek() == '-') {
          position++;
        }
        if (digits() == 0) {
          throw new MalformedJsonException("bad exponent at " + start);
        }
      }
      String literal = text.substring(start, position);
      if (literal.length() > 40) {
        throw new MalformedJsonException("number too long at " + start);
      }
      if (integral) {
        try {
          return Long.parseLong(literal);
        } catch (NumberFormatException tooLarge) {
          return new BigDecimal(literal);
        }
      }
      return new BigDecimal(literal);
    }

    private int digits() {
      int start = position;
      while (position < text.length()
          && text.charAt(position) >= '0'
          && text.charAt(position) <= '9') {
        position++;
      }
      return position - start;
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, position)) {
        throw new MalformedJsonException("unexpected text at " + position);
      }
      position += word.length();
      return value;
    }

    private void expect(char c) {
      if (next() != c) {
        throw new MalformedJsonException("expected '" + c + "' at " + (position - 1));
      }
    }

    private char peek() {
      return position < text.length() ? text.charAt(position) : '\0';
    }

    private char next() {
      if (position >= text.length()) {
        throw new MalformedJsonException("unexpected end");
      }
      return text.charAt(position++);
    }

    void skipWhitespace() {
      while (position < text.length()) {
        char c = text.charAt(position);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        position++;
      }
    }
  }
}
