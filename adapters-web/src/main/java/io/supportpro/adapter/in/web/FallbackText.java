package io.supportpro.adapter.in.web;

import io.supportpro.application.port.in.PluginFallback;
import io.supportpro.domain.plugin.PluginWords;

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
  static String of(Texts texts, PluginWords words, PluginFallback fallback) {
    String name = words.text(fallback.pluginName());
    if (fallback.operators() == 0) {
      return texts.get("fallback.nobody", name);
    }
    return texts.get(
        fallback.forceTwoFactor() ? "fallback.set-up" : "fallback.password-only",
        name,
        fallback.operators(),
        fallback.withAuthenticator(),
        fallback.withoutAuthenticator());
  }
}
