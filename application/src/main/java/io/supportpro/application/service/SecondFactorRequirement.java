package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.secondfactor.DuoPlugin;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.secondfactor.SecondFactorPolicy;

/**
 * Gathers what the second-factor rule needs to know about an operator, and applies it. Duo counts
 * as enabled for an operator only while its plugin is active and has saved settings: an active Duo
 * that was never set up (operators enabled before that was required) leaves its operators to the
 * built-in rule instead of locking them out, as a deactivated Duo does. Saved settings that no
 * longer pass their checks (a host the server stopped allowing) keep Duo required, and the Duo step
 * refuses: a configuration mistake must never turn Duo into a password-only sign-in, least of all
 * on one instance of several.
 */
public final class SecondFactorRequirement {
  private final PluginRepository plugins;
  private final TotpCredentials totp;
  private final PanelSettings settings;

  public SecondFactorRequirement(
      PluginRepository plugins, TotpCredentials totp, PanelSettings settings) {
    this.plugins = requireNonNull(plugins, "plugins");
    this.totp = requireNonNull(totp, "totp");
    this.settings = requireNonNull(settings, "settings");
  }

  /** The factor the operator must pass after the password, reading no more than it needs. */
  SecondFactor of(OperatorId operator) {
    PluginState duo = plugins.state(DuoPlugin.ID);
    boolean duoEnabled =
        duo == PluginState.ACTIVE
            && plugins
                .operatorValue(DuoPlugin.ID, operator, DuoPlugin.ENABLED_KEY)
                .map("true"::equals)
                .orElse(false)
            && !plugins.settings(DuoPlugin.ID).values().isEmpty();
    // Each later input only matters when the earlier ones did not decide; skip reading it then.
    boolean totpEnrolled =
        !duoEnabled && totp.find(operator).map(TotpEnrolment::confirmed).orElse(false);
    boolean forced = !duoEnabled && !totpEnrolled && settings.forceTwoFactor();
    return SecondFactorPolicy.required(duo, duoEnabled, totpEnrolled, forced);
  }
}
