package io.supportpro.adapter.out.duo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The query parameters a prompt sends the browser back with, as the panel's callback reads them.
 */
final class CallbackQuery {
  private CallbackQuery() {}

  static Map<String, String> of(URI callback) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : callback.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      parameters.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
