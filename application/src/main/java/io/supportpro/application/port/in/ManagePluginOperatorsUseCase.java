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

  /**
   * Whether the plugin is active with complete settings that pass its checks: only then may it be
   * enabled for an operator.
   */
  boolean configured(PluginId plugin);

  /**
   * Enables or disables the plugin for the operator, audited. Enabling is refused while the plugin
   * is not {@link #configured}; disabling is always possible.
   */
  PluginOperatorResult set(PluginOperatorCommand command);
}
