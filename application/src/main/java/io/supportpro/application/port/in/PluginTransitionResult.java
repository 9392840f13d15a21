package io.supportpro.application.port.in;

import io.supportpro.domain.plugin.PluginAction;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginState;

/** The outcome of a lifecycle action on a plugin. */
public sealed interface PluginTransitionResult {
  /** The plugin moved; {@code from} and {@code to} are the states before and after. */
  record Changed(PluginId plugin, PluginAction action, PluginState from, PluginState to)
      implements PluginTransitionResult {}

  /** Nothing changed; the reason is fit to show to an administrator. */
  record Refused(PluginId plugin, PluginAction action, PluginState state, String reason)
      implements PluginTransitionResult {}

  /** No plugin of this id ships with this installation. */
  record UnknownPlugin(PluginId plugin, PluginAction action) implements PluginTransitionResult {}
}
