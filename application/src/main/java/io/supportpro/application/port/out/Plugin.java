package io.supportpro.application.port.out;

import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin as the application drives it: it describes itself, checks its settings and may veto its
 * activation. Plugins are found on the class path through {@link java.util.ServiceLoader}, so an
 * implementation has a public no-argument constructor.
 */
public interface Plugin {
  /** Who the plugin is and which settings it takes. */
  PluginDescriptor descriptor();

  /**
   * The activation hook: why the plugin cannot be activated with these saved settings, or empty
   * when it can.
   */
  default Optional<String> activationProblem(PluginSettings saved) {
    return Optional.empty();
  }

  /**
   * Checks settings as an administrator typed them, beyond what their definitions already imply;
   * {@code secretSaved} tells whether each secret setting already has a saved value (an empty field
   * then keeps it).
   */
  default SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    return SettingsCheck.CLEAN;
  }
}
