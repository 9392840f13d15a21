package io.supportpro.application.port.in;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's settings as the settings page shows them: every non-secret value (saved or default),
 * which secret settings have a saved value — never the secret itself — and, for a plugin whose
 * second factor is a prompt elsewhere, the path its provider sends operators back to.
 */
public record PluginSettingsView(
    PluginOverview plugin,
    Map<String, String> values,
    Set<String> savedSecrets,
    Optional<String> callbackPath) {
  public PluginSettingsView {
    Objects.requireNonNull(plugin, "plugin");
    values = Map.copyOf(values);
    savedSecrets = Set.copyOf(savedSecrets);
    Objects.requireNonNull(callbackPath, "callbackPath");
  }
}
