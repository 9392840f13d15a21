package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActivatePluginUseCase;
import io.supportpro.application.port.in.DeactivatePluginUseCase;
import io.supportpro.application.port.in.InstallPluginUseCase;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginOverview;
import io.supportpro.application.port.in.PluginTransitionResult;
import io.supportpro.application.port.in.UninstallPluginUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginAction;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginLifecycle;
import io.supportpro.domain.plugin.PluginLifecycle.Transition;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.PluginWords;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lists plugins and moves them through their lifecycle. One service serves the four lifecycle use
 * cases because they differ only in the action they name.
 */
public final class PluginLifecycleService
    implements ListPluginsUseCase,
        InstallPluginUseCase,
        ActivatePluginUseCase,
        DeactivatePluginUseCase,
        UninstallPluginUseCase {
  // A lost race re-reads the state and decides again; a few rounds settle any realistic contention.
  private static final int ATTEMPTS = 5;

  private final PluginCatalog catalog;
  private final PluginRepository plugins;
  private final AuditLog audit;
  private final Clock clock;

  public PluginLifecycleService(
      PluginCatalog catalog, PluginRepository plugins, AuditLog audit, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.plugins = requireNonNull(plugins, "plugins");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public List<PluginOverview> list() {
    Map<PluginId, PluginState> installed = plugins.installed();
    return catalog.plugins().stream()
        .map(p -> overview(p, installed.getOrDefault(p.descriptor().id(), PluginState.AVAILABLE)))
        .toList();
  }

  @Override
  public Optional<PluginOverview> find(PluginId plugin) {
    return catalog.find(plugin).map(p -> overview(p, plugins.state(plugin)));
  }

  @Override
  public PluginWords words(PluginId plugin, Locale locale) {
    return catalog.find(plugin).map(p -> p.words(locale)).orElse(PluginWords.AS_WRITTEN);
  }

  @Override
  public PluginWords words(Locale locale) {
    return catalog.plugins().stream()
        .map(plugin -> plugin.words(locale))
        .reduce(PluginWords.AS_WRITTEN, PluginWords::orElse);
  }

  private PluginOverview overview(Plugin plugin, PluginState state) {
    // Only an installed plugin has settings to read.
    boolean configured =
        state != PluginState.AVAILABLE
            && PluginSettingsRules.configured(plugin, plugins.settings(plugin.descriptor().id()));
    return PluginSettingsRules.overview(plugin, state, configured);
  }

  @Override
  public PluginTransitionResult install(PluginCommand command) {
    return take(command, PluginAction.INSTALL);
  }

  @Override
  public PluginTransitionResult activate(PluginCommand command) {
    return take(command, PluginAction.ACTIVATE);
  }

  @Override
  public PluginTransitionResult deactivate(PluginCommand command) {
    return take(command, PluginAction.DEACTIVATE);
  }

  @Override
  public PluginTransitionResult uninstall(PluginCommand command) {
    return take(command, PluginAction.UNINSTALL);
  }

  private PluginTransitionResult take(PluginCommand command, PluginAction action) {
    PluginTransitionResult result =
        catalog
            .find(command.plugin())
            .map(plugin -> attempt(plugin, action))
            .orElseGet(() -> new PluginTransitionResult.UnknownPlugin(command.plugin(), action));
    audit.append(auditEvent(command, result));
    return result;
  }

  private PluginTransitionResult attempt(Plugin plugin, PluginAction action) {
    PluginId id = plugin.descriptor().id();
    PluginState state = plugins.state(id);
    for (int round = 0; round < ATTEMPTS; round++) {
      switch (PluginLifecycle.next(state, action)) {
        case Transition.Refused refused -> {
          return new PluginTransitionResult.Refused(id, action, state, refused.reason());
        }
        case Transition.Allowed allowed -> {
          if (action == PluginAction.ACTIVATE) {
            Optional<String> problem = plugin.activationProblem(plugins.settings(id));
            if (problem.isPresent()) {
              return new PluginTransitionResult.Refused(id, action, state, problem.get());
            }
          }
          if (plugins.transition(id, state, allowed.to())) {
            return new PluginTransitionResult.Changed(id, action, state, allowed.to());
          }
        }
      }
      state = plugins.state(id);
    }
    return new PluginTransitionResult.Refused(
        id, action, state, "Another administrator is changing this plugin; try again.");
  }

  private AuditEvent auditEvent(PluginCommand command, PluginTransitionResult result) {
    String subject = command.plugin().value();
    return switch (result) {
      case PluginTransitionResult.Changed changed ->
          new AuditEvent(
              clock.now(),
              switch (changed.action()) {
                case INSTALL -> AuditEventType.PLUGIN_INSTALLED;
                case ACTIVATE -> AuditEventType.PLUGIN_ACTIVATED;
                case DEACTIVATE -> AuditEventType.PLUGIN_DEACTIVATED;
                case UNINSTALL -> AuditEventType.PLUGIN_UNINSTALLED;
              },
              command.actor(),
              subject,
              Map.of("from", changed.from().name(), "to", changed.to().name()));
      case PluginTransitionResult.Refused refused ->
          new AuditEvent(
              clock.now(),
              AuditEventType.PLUGIN_ACTION_REFUSED,
              command.actor(),
              subject,
              Map.of(
                  "action", refused.action().name(),
                  "state", refused.state().name(),
                  "reason", refused.reason()));
      case PluginTransitionResult.UnknownPlugin unknown ->
          new AuditEvent(
              clock.now(),
              AuditEventType.PLUGIN_ACTION_REFUSED,
              command.actor(),
              subject,
              Map.of("action", unknown.action().name(), "reason", "No such plugin."));
    };
  }
}
