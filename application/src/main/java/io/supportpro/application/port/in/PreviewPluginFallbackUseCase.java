package io.supportpro.application.port.in;

import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import java.util.Optional;

/**
 * Counts, before a plugin is deactivated or disabled for some operators, whom its second factor
 * would stop confirming and what they would sign in with instead.
 */
public interface PreviewPluginFallbackUseCase {
  /**
   * The operators the filter covers for whom the plugin is enabled, counted by their fallback;
   * empty when the plugin is unknown.
   */
  Optional<PluginFallback> previewFallback(PluginId plugin, PluginOperatorFilter filter);
}
