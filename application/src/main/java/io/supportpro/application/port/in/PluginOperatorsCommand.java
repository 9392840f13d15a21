package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import java.util.Objects;

/**
 * An administrator's request to enable or disable a plugin for every operator a filter covers: the
 * operators selected on a page, or all that match.
 */
public record PluginOperatorsCommand(
    Actor actor, PluginId plugin, PluginOperatorFilter filter, boolean enabled) {
  public PluginOperatorsCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(filter, "filter");
  }
}
