package io.supportpro.application.port.in;

import io.supportpro.domain.plugin.PluginAction;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginLifecycle;
import io.supportpro.domain.plugin.PluginState;
import java.util.Objects;
import java.util.Set;

/**
 * A plugin as the Plugins page lists it: what it is, its state, whether its saved settings are
 * complete and pass its checks, the actions it allows, whether it is enabled per operator (it
 * offers a second factor) and whether it can test a connection.
 */
public record PluginOverview(
    PluginDescriptor descriptor,
    PluginState state,
    boolean configured,
    boolean perOperator,
    boolean connectionTest) {
  public PluginOverview {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(state, "state");
  }

  /** The actions the state allows. */
  public Set<PluginAction> legalActions() {
    return PluginLifecycle.legalActions(state);
  }

  /** True when the plugin is active but cannot work yet, because its settings are not complete. */
  public boolean activeButNotConfigured() {
    return state == PluginState.ACTIVE && !configured;
  }

  /** True when the settings page may be opened: only while the plugin is active. */
  public boolean hasSettingsPage() {
    return state == PluginState.ACTIVE;
  }

  /** True when the page of operators it is enabled for may be opened: active, and per operator. */
  public boolean hasOperatorsPage() {
    return state == PluginState.ACTIVE && perOperator;
  }
}
