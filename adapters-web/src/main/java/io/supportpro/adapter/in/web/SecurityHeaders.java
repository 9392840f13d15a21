package io.supportpro.adapter.in.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** The headers every response carries, whatever produced it. */
final class SecurityHeaders {
  /**
   * No inline script or style anywhere, so everything may come from this origin only. There is no
   * {@code form-action}: a later sign-in step posts to an external second-factor provider, and
   * Chrome applies {@code form-action} to the redirects that follow a form submission.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  private SecurityHeaders() {}

  /** The headers, with HSTS only when browsers reach the panel over https. */
  static Map<String, String> of(boolean secure) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "same-origin");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    // Pages show sessions' data and one-time secrets; no cache may keep them.
    headers.put("Cache-Control", "no-store");
    if (secure) {
      headers.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    return Map.copyOf(headers);
  }
}
