package io.supportpro.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * What resetting an operator's two-factor authentication would remove, and which second step their
 * sign-ins would have afterwards: the plugin's whose second factor applies to them, if one does,
 * else the set-up of a new authenticator app when Force 2FA is on, else none.
 */
public record TwoFactorResetPreview(
    boolean authenticator,
    boolean setUpUnderWay,
    int recoveryCodes,
    boolean forceTwoFactor,
    Optional<String> plugin) {
  public TwoFactorResetPreview {
    Objects.requireNonNull(plugin, "plugin");
    if (recoveryCodes < 0) {
      throw new IllegalArgumentException("A count of recovery codes is never negative.");
    }
  }

  /** False when the operator has neither an authenticator app nor a set-up under way. */
  public boolean anythingToReset() {
    return authenticator || setUpUnderWay;
  }
}
