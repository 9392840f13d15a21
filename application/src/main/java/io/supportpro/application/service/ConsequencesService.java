package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.PluginFallback;
import io.supportpro.application.port.in.PreviewDeactivationUseCase;
import io.supportpro.application.port.in.PreviewPluginFallbackUseCase;
import io.supportpro.application.port.in.PreviewTwoFactorResetUseCase;
import io.supportpro.application.port.in.TwoFactorResetPreview;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import java.util.Optional;

/**
 * Works out, for the pages that confirm a change, what the change would do: whom a plugin's second
 * factor would stop confirming and what they fall back to, what a reset of an operator's two-factor
 * authentication would remove, and whether a deactivation would be refused. It reads only; the
 * change itself decides again.
 */
public final class ConsequencesService
    implements PreviewPluginFallbackUseCase,
        PreviewTwoFactorResetUseCase,
        PreviewDeactivationUseCase {
  private final OperatorRepository operators;
  private final PluginCatalog catalog;
  private final PluginRepository plugins;
  private final TotpCredentials totp;
  private final PanelSettings settings;
  private final SecondFactorRequirement requirement;

  public ConsequencesService(
      OperatorRepository operators,
      PluginCatalog catalog,
      PluginRepository plugins,
      TotpCredentials totp,
      PanelSettings settings) {
    this.operators = requireNonNull(operators, "operators");
    this.catalog = requireNonNull(catalog, "catalog");
    this.plugins = requireNonNull(plugins, "plugins");
    this.totp = requireNonNull(totp, "totp");
    this.settings = requireNonNull(settings, "settings");
    this.requirement = new SecondFactorRequirement(catalog, plugins, totp, settings);
  }

  @Override
  public Optional<PluginFallback> previewFallback(PluginId plugin, PluginOperatorFilter filter) {
    Optional<String> name =
        catalog.find(plugin).map(Plugin::descriptor).map(PluginDescriptor::name);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    long operators = 0;
    long withAuthenticator = 0;
    if (filter.status() != PluginOperatorFilter.Status.NOT_ENABLED) {
      PluginOperatorFilter enabled =
          new PluginOperatorFilter(
              filter.text(),
              PluginOperatorFilter.Status.ENABLED,
              filter.role(),
              filter.active(),
              filter.among());
      // A page at a time, each after the last row of the one before, two queries each, so that
      // any number of operators is counted in bounded memory and each of them once.
      KeysetPage<Operator> page =
          plugins.operators(
              plugin,
              PluginMethods.ENABLED_MARKER,
              enabled,
              KeysetRequest.first(PageRequest.MAX_SIZE));
      while (true) {
        operators += page.items().size();
        withAuthenticator += totp.countConfirmed(page.items().stream().map(Operator::id).toList());
        if (!page.hasNext()) {
          break;
        }
        Operator last = page.items().getLast();
        page =
            plugins.operators(
                plugin,
                PluginMethods.ENABLED_MARKER,
                enabled,
                KeysetRequest.at(last.position(Cursor.Direction.AFTER), PageRequest.MAX_SIZE));
      }
    }
    return Optional.of(
        new PluginFallback(name.get(), operators, withAuthenticator, settings.forceTwoFactor()));
  }

  @Override
  public boolean lastActiveAdministrator(OperatorId operator) {
    return operators.findById(operator).map(Operator::isActiveAdministrator).orElse(false)
        && operators.countActiveAdministrators() == 1;
  }

  @Override
  public TwoFactorResetPreview previewReset(OperatorId operator) {
    Optional<TotpEnrolment> enrolment = totp.find(operator);
    boolean authenticator = enrolment.map(TotpEnrolment::confirmed).orElse(false);
    return new TwoFactorResetPreview(
        authenticator,
        enrolment.isPresent() && !authenticator,
        authenticator ? totp.remainingRecoveryCodes(operator) : 0,
        settings.forceTwoFactor(),
        requirement.applyingTo(operator));
  }
}
