package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.port.out.PluginCatalog;
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
 * as enabled for an operator only while its plugin is active with settings that pass its checks: an
 * active Duo without usable settings (saved before they were required, or pointing at a host the
 * server no longer allows) leaves its operators to the built-in rule instead of locking them out,
 * as a deactivated Duo does.
 */
public final class SecondFactorRequirement {
  private final PluginCatalog catalog;
  private final PluginRepository plugins;
  private final TotpCredentials totp;
  private final PanelSettings settings;

  public SecondFactorRequirement(
      PluginCatalog catalog,
      PluginRepository plugins,
      TotpCredentials totp,
      PanelSettings settings) {
    this.catalog = requireNonNull(catalog, "catalog");
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
            && catalog
                .find(DuoPlugin.ID)
                .map(p -> PluginSettingsRules.configured(p, plugins.settings(DuoPlugin.ID)))
                .orElse(false);
    // Each later input only matters when the earlier ones did not decide; skip reading it then.
    boolean totpEnrolled =
        !duoEnabled && totp.find(operator).map(TotpEnrolment::confirmed).orElse(false);
    boolean forced = !duoEnabled && !totpEnrolled && settings.forceTwoFactor();
    return SecondFactorPolicy.required(duo, duoEnabled, totpEnrolled, forced);
  }
}
