package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.plugin.PluginId;
import java.util.Map;
import java.util.Objects;

/**
 * An administrator's request to save a plugin's settings, as typed; an empty secret keeps the saved
 * one.
 */
public record SavePluginSettingsCommand(Actor actor, PluginId plugin, Map<String, String> typed) {
  public SavePluginSettingsCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(plugin, "plugin");
    typed = Map.copyOf(typed);
  }

  @Override
  public String toString() {
    return "SavePluginSettingsCommand[actor=" + actor + ", plugin=" + plugin + "]";
  }
}
