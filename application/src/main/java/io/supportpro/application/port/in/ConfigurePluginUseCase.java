package io.supportpro.application.port.in;

import io.supportpro.domain.plugin.PluginId;
import java.util.Optional;

/** Shows and saves a plugin's settings while it is active. */
public interface ConfigurePluginUseCase {
  /** The plugin's settings page content; empty when the plugin is unknown or not active. */
  Optional<PluginSettingsView> view(PluginId plugin);

  /**
   * Checks and saves the settings (secrets encrypted), atomically with the plugin still being
   * active, audited with secrets redacted.
   */
  SavePluginSettingsResult save(SavePluginSettingsCommand command);
}
