package io.supportpro.application.port.in;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A plugin's settings as the settings page shows them: every non-secret value (saved or default),
 * and which secret settings have a saved value — never the secret itself.
 */
public record PluginSettingsView(
    PluginOverview plugin, Map<String, String> values, Set<String> savedSecrets) {
  public PluginSettingsView {
    Objects.requireNonNull(plugin, "plugin");
    values = Map.copyOf(values);
    savedSecrets = Set.copyOf(savedSecrets);
  }
}
