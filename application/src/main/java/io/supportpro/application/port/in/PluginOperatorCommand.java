package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginId;
import java.util.Objects;

/** An administrator's request to enable or disable a plugin for one operator. */
public record PluginOperatorCommand(
    Actor actor, PluginId plugin, OperatorId operator, boolean enabled) {
  public PluginOperatorCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(operator, "operator");
  }
}
