package io.supportpro.adapter.in.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Builds the links the pages carry, with every parameter encoded. */
final class Urls {
  private Urls() {}

  /** The text encoded for a query string. */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The path with the non-empty parameters, in the order given, as a query string. */
  static String withQuery(String path, Map<String, String> parameters) {
    var query = new StringJoiner("&");
    parameters.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) {
            query.add(encode(name) + "=" + encode(value));
          }
        });
    return query.length() == 0 ? path : path + "?" + query;
  }
}
