package io.supportpro.application.port.in;

import java.util.Objects;

/**
 * The operators a plugin's second factor would stop confirming, counted by what their sign-ins
 * would ask for instead: the code of their authenticator app, or else the set-up of one when Force
 * 2FA is on, or else the password only.
 */
public record PluginFallback(
    String pluginName, long operators, long withAuthenticator, boolean forceTwoFactor) {
  public PluginFallback {
    Objects.requireNonNull(pluginName, "pluginName");
    if (operators < 0 || withAuthenticator < 0 || withAuthenticator > operators) {
      throw new IllegalArgumentException("The operators with an app are some of the operators.");
    }
  }

  /** The operators without an authenticator app, who enrol or sign in with the password only. */
  public long withoutAuthenticator() {
    return operators - withAuthenticator;
  }
}
