package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.plugin.PluginId;
import java.util.Objects;

/** An administrator's request to move one plugin through its lifecycle. */
public record PluginCommand(Actor actor, PluginId plugin) {
  public PluginCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(plugin, "plugin");
  }
}
