package io.supportpro.domain.secondfactor;

import io.supportpro.domain.plugin.PluginState;
import java.util.Objects;

/** Decides which second factor an operator must pass, given what is installed and enrolled. */
public final class SecondFactorPolicy {
  private SecondFactorPolicy() {}

  /**
   * Duo when its plugin is active and enabled for the operator; else TOTP when enrolled; else
   * enrolment when 2FA is forced; else nothing.
   */
  public static SecondFactor required(
      PluginState duoPlugin,
      boolean duoEnabledForOperator,
      boolean totpEnrolled,
      boolean force2fa) {
    Objects.requireNonNull(duoPlugin, "duoPlugin");
    if (duoPlugin == PluginState.ACTIVE && duoEnabledForOperator) {
      return SecondFactor.DUO;
    }
    if (totpEnrolled) {
      return SecondFactor.TOTP;
    }
    return force2fa ? SecondFactor.TOTP_ENROLMENT : SecondFactor.NONE;
  }
}
