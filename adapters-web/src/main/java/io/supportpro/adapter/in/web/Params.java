package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a URL-encoded form or query string. Decoding is strict (valid percent escapes and
 * valid UTF-8 only), so that a malformed request is refused with a clear page rather than read as
 * something else.
 */
final class Params {
  static final Phrase UNREADABLE = Phrase.of("error.form-unreadable.fields");
  private static final String FORM_ATTRIBUTE = "supportpro.form";
  // A form of the panel has a handful of fields; more is not a form of the panel.
  private static final int MAX_FIELDS = 64;

  private final Map<String, String> fields;

  private Params(Map<String, String> fields) {
    this.fields = fields;
  }

  /** The fields of the request's query string. */
  static Params query(Context ctx) {
    String query = ctx.queryString();
    return parse(query == null ? new byte[0] : query.getBytes(StandardCharsets.UTF_8));
  }

  /** The fields of the posted form, read once per request. */
  static Params form(Context ctx) {
    Params cached = ctx.attribute(FORM_ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    String type = ctx.contentType();
    byte[] body = ctx.bodyAsBytes();
    if (body.length > 0
        && (type == null
            || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
      throw Halt.page(
          415, "error.form-unreadable.title", Phrase.of("error.form-unreadable.message"));
    }
    Params form = parse(body);
    ctx.attribute(FORM_ATTRIBUTE, form);
    return form;
  }

  /** Decodes {@code application/x-www-form-urlencoded} bytes. */
  static Params parse(byte[] encoded) {
    Map<String, String> fields = new LinkedHashMap<>();
    int start = 0;
    while (start <= encoded.length) {
      int end = indexOf(encoded, (byte) '&', start);
      if (end > start) {
        int equals = indexOf(encoded, (byte) '=', start);
        int nameEnd = Math.min(equals, end);
        String name = decode(encoded, start, nameEnd);
        String value = equals < end ? decode(encoded, equals + 1, end) : "";
        // The first value counts, so that a repeated field cannot override a checked one.
        fields.putIfAbsent(name, value);
        if (fields.size() > MAX_FIELDS) {
          throw Halt.badRequest(UNREADABLE);
        }
      }
      start = end + 1;
    }
    return new Params(fields);
  }

  /** The field's value, or empty text when the field is absent. */
  String text(String name) {
    return fields.getOrDefault(name, "");
  }

  /** Every field, in no particular order: a bounded number, each read as {@link #text} reads it. */
  Map<String, String> all() {
    return Map.copyOf(fields);
  }

  /** The field's value, if the field was sent at all. */
  Optional<String> optional(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return bytes.length;
  }

  private static String decode(byte[] encoded, int from, int to) {
    var bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = encoded[i];
      if (b == '+') {
        bytes.write(' ');
      } else if (b == '%') {
        if (i + 2 >= to) {
          throw Halt.badRequest(UNREADABLE);
        }
        int high = Character.digit(encoded[i + 1], 16);
        int low = Character.digit(encoded[i + 2], 16);
        if (high < 0 || low < 0) {
          throw Halt.badRequest(UNREADABLE);
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(b);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw Halt.badRequest(UNREADABLE);
    }
  }
}
