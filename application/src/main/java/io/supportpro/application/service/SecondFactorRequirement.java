package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ViewPluginSecondFactorUseCase;
import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.secondfactor.SecondFactorPolicy;
import java.util.Optional;

/**
 * Gathers what the second-factor rule needs to know about an operator, and applies it. A plugin's
 * method counts only while its plugin is active, enabled for the operator and applies with its
 * saved settings (by default: once any are saved): an active plugin that was never set up leaves
 * its operators to the built-in rule instead of locking them out, as a deactivated one does. Saved
 * settings that no longer pass their checks (a host the server stopped allowing) keep the method
 * required, and its step refuses: a configuration mistake must never turn a second factor into a
 * password-only sign-in, least of all on one instance of several. The same rule tells an operator
 * which plugin confirms their sign-ins.
 */
public final class SecondFactorRequirement implements ViewPluginSecondFactorUseCase {
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
    Optional<SecondFactor> plugin = PluginMethods.applyingTo(catalog, plugins, operator);
    // Each later input only matters when the earlier ones did not decide; skip reading it then.
    boolean totpEnrolled =
        plugin.isEmpty() && totp.find(operator).map(TotpEnrolment::confirmed).orElse(false);
    boolean forced = plugin.isEmpty() && !totpEnrolled && settings.forceTwoFactor();
    return SecondFactorPolicy.required(plugin, totpEnrolled, forced);
  }

  @Override
  public Optional<String> applyingTo(OperatorId operator) {
    return PluginMethods.applyingTo(catalog, plugins, operator)
        .flatMap(SecondFactor::plugin)
        .flatMap(this::name);
  }

  private Optional<String> name(PluginId plugin) {
    return catalog.find(plugin).map(Plugin::descriptor).map(PluginDescriptor::name);
  }
}
