package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ManagePluginOperatorsUseCase;
import io.supportpro.application.port.in.OperatorChoice;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.PluginOperatorsCommand;
import io.supportpro.application.port.in.PluginOperatorsResult;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.PluginRepository.Marker;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.Count;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Enables and disables a plugin's second factor per operator (who signs in with it), and lists
 * operators with their status a page at a time: one query for the page, one for its statuses. A
 * plugin is enabled for nobody until its settings are complete. A change for many operators is one
 * change of the repository, whatever their number.
 */
public final class PluginOperatorsService implements ManagePluginOperatorsUseCase {
  private static final Marker ENABLED = PluginMethods.ENABLED_MARKER;

  private final PluginCatalog catalog;
  private final PluginRepository plugins;
  private final OperatorRepository operators;
  private final AuditLog audit;
  private final AccountNotices notices;
  private final Clock clock;

  public PluginOperatorsService(
      PluginCatalog catalog,
      PluginRepository plugins,
      OperatorRepository operators,
      AuditLog audit,
      Mailer mailer,
      Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.plugins = requireNonNull(plugins, "plugins");
    this.operators = requireNonNull(operators, "operators");
    this.audit = requireNonNull(audit, "audit");
    this.notices = new AccountNotices(mailer, AccountNotices.languagesOf(operators));
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<KeysetPage<OperatorChoice>> listMatching(
      PluginId plugin, PluginOperatorFilter filter, KeysetRequest page) {
    if (!active(plugin)) {
      return Optional.empty();
    }
    KeysetPage<Operator> found = plugins.operators(plugin, ENABLED, filter, page);
    Map<OperatorId, String> values =
        plugins.operatorValues(
            plugin, PluginMethods.ENABLED_KEY, found.items().stream().map(Operator::id).toList());
    return Optional.of(
        found.map(
            operator ->
                new OperatorChoice(
                    operator, PluginMethods.ENABLED.equals(values.get(operator.id())))));
  }

  @Override
  public Optional<Count> count(PluginId plugin, PluginOperatorFilter filter, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("A count's limit cannot be below zero.");
    }
    if (!active(plugin)) {
      return Optional.empty();
    }
    // One row past the limit tells "more than" from "exactly".
    long upTo = limit == Long.MAX_VALUE ? limit : limit + 1;
    return Optional.of(Count.upTo(plugins.count(plugin, ENABLED, filter, upTo), limit));
  }

  @Override
  public boolean configured(PluginId plugin) {
    return active(plugin) && settingsComplete(plugin);
  }

  /**
   * Whether the plugin's saved settings are complete, whatever its state: a change checks the state
   * again under the plugin's lock, so that a plugin deactivated meanwhile is answered as not active
   * rather than as not configured.
   */
  private boolean settingsComplete(PluginId plugin) {
    return catalog
        .find(plugin)
        .map(p -> PluginSettingsRules.configured(p, plugins.settings(plugin)))
        .orElse(false);
  }

  @Override
  public PluginOperatorResult set(PluginOperatorCommand command) {
    if (!active(command.plugin())) {
      return new PluginOperatorResult.NotActive();
    }
    if (command.enabled() && !settingsComplete(command.plugin())) {
      // Enabled for someone, an incomplete plugin would stop them at sign-in.
      return new PluginOperatorResult.NotConfigured();
    }
    Optional<Operator> operator = operators.findById(command.operator());
    if (operator.isEmpty()) {
      return new PluginOperatorResult.UnknownOperator();
    }
    Optional<String> value =
        command.enabled() ? Optional.of(PluginMethods.ENABLED) : Optional.empty();
    if (!plugins.setOperatorValueIfActive(
        command.plugin(), command.operator(), PluginMethods.ENABLED_KEY, value)) {
      return new PluginOperatorResult.NotActive();
    }
    Instant now = clock.now();
    audit.append(
        new AuditEvent(
            now,
            command.enabled()
                ? AuditEventType.PLUGIN_ENABLED_FOR_OPERATOR
                : AuditEventType.PLUGIN_DISABLED_FOR_OPERATOR,
            command.actor(),
            command.operator().toString(),
            Map.of(
                "plugin", command.plugin().value(),
                "username", operator.get().username().value())));
    Plugin plugin = catalog.find(command.plugin()).orElseThrow();
    return new PluginOperatorResult.Changed(
        new OperatorChoice(operator.get(), command.enabled()),
        notices.pluginSecondFactorChanged(
            operator.get(), plugin, command.enabled(), now, command.actor()));
  }

  @Override
  public PluginOperatorsResult setAll(PluginOperatorsCommand command) {
    if (!active(command.plugin())) {
      return new PluginOperatorsResult.NotActive();
    }
    if (command.enabled() && !settingsComplete(command.plugin())) {
      return new PluginOperatorsResult.NotConfigured();
    }
    OptionalLong changed =
        plugins.markIfActive(command.plugin(), ENABLED, command.filter(), command.enabled());
    if (changed.isEmpty()) {
      return new PluginOperatorsResult.NotActive();
    }
    audit.append(
        new AuditEvent(
            clock.now(),
            command.enabled()
                ? AuditEventType.PLUGIN_ENABLED_FOR_OPERATORS
                : AuditEventType.PLUGIN_DISABLED_FOR_OPERATORS,
            command.actor(),
            command.plugin().value(),
            details(command, changed.getAsLong())));
    return new PluginOperatorsResult.Changed(changed.getAsLong());
  }

  /** The plugin, the count and the filter, so that the entry says whom the change covered. */
  private static Map<String, String> details(PluginOperatorsCommand command, long count) {
    PluginOperatorFilter filter = command.filter();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("plugin", command.plugin().value());
    details.put("count", Long.toString(count));
    details.put("status", filter.status().name().toLowerCase(Locale.ROOT));
    if (!filter.text().isEmpty()) {
      details.put("search", filter.text());
    }
    filter.role().ifPresent(role -> details.put("role", role.name().toLowerCase(Locale.ROOT)));
    filter.active().ifPresent(active -> details.put("active", active.toString()));
    filter.among().ifPresent(ids -> details.put("selected", Integer.toString(ids.size())));
    return details;
  }

  /** Whether the plugin offers a second factor, so is enabled per operator, and is active. */
  private boolean active(PluginId plugin) {
    return catalog.find(plugin).flatMap(Plugin::secondFactor).isPresent()
        && plugins.state(plugin) == PluginState.ACTIVE;
  }
}
