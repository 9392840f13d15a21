package io.supportpro.application.port.out;

import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin as the application drives it: it describes itself, checks its settings, may veto its
 * activation, and may offer a second factor and a connection test. Plugins are found on the class
 * path through {@link java.util.ServiceLoader}, so an implementation has a public no-argument
 * constructor.
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

  /**
   * The second factor the plugin offers, if any: it is enabled per operator, from the plugin's
   * operators page, and replaces the built-in 2FA for them while the plugin is active.
   */
  default Optional<SecondFactorMethod> secondFactor() {
    return Optional.empty();
  }

  /** The test that settings reach the plugin's provider, if it has one. */
  default Optional<ConnectionTest> connectionTest() {
    return Optional.empty();
  }
}
