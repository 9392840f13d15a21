package io.supportpro.application.port.out;

import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginSettings;
import java.util.Optional;

/**
 * A plugin as the application drives it: it describes itself and may veto its activation. Plugins
 * are found on the class path through {@link java.util.ServiceLoader}, so an implementation has a
 * public no-argument constructor.
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
}
