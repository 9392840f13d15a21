package io.supportpro.adapter.out.duo.emulator;

import java.net.URI;
import java.util.Map;

/** What the emulator answers to one request, before it is written to HTTP. */
record Answer(int status, String contentType, String body, Map<String, String> headers) {
  static final String JSON = "application/json";
  static final String HTML = "text/html; charset=utf-8";

  /**
   * A page with no scripts, frames or other origins, and no styles but the emulator's stylesheet;
   * forms may post back to the page's own origin (the redirect after a post goes elsewhere, which
   * {@code form-action} would block).
   */
  private static final Map<String, String> PAGE_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'",
          "X-Frame-Options",
          "DENY",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer",
          "Cache-Control",
          "no-store");

  Answer {
    headers = Map.copyOf(headers);
  }

  static Answer json(int status, String body) {
    return new Answer(status, JSON, body, Map.of("Cache-Control", "no-store"));
  }

  static Answer page(int status, String html) {
    return new Answer(status, HTML, html, PAGE_HEADERS);
  }

  static Answer stylesheet(String css) {
    return new Answer(
        200, "text/css; charset=utf-8", css, Map.of("X-Content-Type-Options", "nosniff"));
  }

  static Answer text(int status, String text) {
    return new Answer(status, "text/plain; charset=utf-8", text, Map.of());
  }

  static Answer redirect(URI location) {
    var headers = new java.util.HashMap<>(PAGE_HEADERS);
    headers.put("Location", location.toString());
    return new Answer(302, HTML, "", headers);
  }
}
