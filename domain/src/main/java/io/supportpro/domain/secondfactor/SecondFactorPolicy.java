package io.supportpro.domain.secondfactor;

import java.util.Objects;
import java.util.Optional;

/** Decides which second factor an operator must pass, given what applies to them. */
public final class SecondFactorPolicy {
  private SecondFactorPolicy() {}

  /**
   * A plugin's method when one applies to the operator (it replaces the built-in 2FA); else the
   * authenticator app when enrolled; else enrolment when 2FA is forced; else nothing.
   */
  public static SecondFactor required(
      Optional<SecondFactor> pluginMethod, boolean totpEnrolled, boolean force2fa) {
    Objects.requireNonNull(pluginMethod, "pluginMethod");
    if (pluginMethod.isPresent()) {
      if (pluginMethod.get().plugin().isEmpty()) {
        throw new IllegalArgumentException("Only a plugin's method replaces the built-in 2FA.");
      }
      return pluginMethod.get();
    }
    if (totpEnrolled) {
      return SecondFactor.TOTP;
    }
    return force2fa ? SecondFactor.TOTP_ENROLMENT : SecondFactor.NONE;
  }
}
