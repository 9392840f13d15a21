package io.supportpro.adapter.in.web;

import io.supportpro.application.port.in.PluginFallback;

/**
 * Words, with the numbers, what operators whose plugin second factor stops applying sign in with
 * instead, for the pages that confirm such a change.
 */
final class FallbackText {
  private FallbackText() {}

  /**
   * For example "3 operators use X and will sign in with their authenticator app or password only:
   * 1 with their authenticator app, 2 with their password only."
   */
  static String of(PluginFallback fallback) {
    String name = fallback.pluginName();
    if (fallback.operators() == 0) {
      return "No operator uses " + name + " here, so nobody's sign-in changes.";
    }
    String users =
        fallback.operators() == 1
            ? "1 operator uses " + name
            : fallback.operators() + " operators use " + name;
    String others =
        fallback.forceTwoFactor()
            ? " must set one up at their next sign-in, as two-factor authentication is required."
            : " with their password only.";
    return users
        + " and will sign in with their authenticator app or "
        + (fallback.forceTwoFactor() ? "set one up" : "password only")
        + ": "
        + fallback.withAuthenticator()
        + " with their authenticator app, "
        + fallback.withoutAuthenticator()
        + others;
  }
}
