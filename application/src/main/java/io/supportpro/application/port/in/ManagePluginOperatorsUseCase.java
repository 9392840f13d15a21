package io.supportpro.application.port.in;

import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.plugin.PluginId;
import java.util.Optional;

/** Lists operators with whether a plugin is enabled for each, and enables or disables it. */
public interface ManagePluginOperatorsUseCase {
  /**
   * Operators matching the search, one page at a time, each with the plugin's status; empty when
   * the plugin is unknown or not active.
   */
  Optional<Page<OperatorChoice>> list(PluginId plugin, String search, PageRequest page);

  /** Enables or disables the plugin for the operator, audited. */
  PluginOperatorResult set(PluginOperatorCommand command);
}
