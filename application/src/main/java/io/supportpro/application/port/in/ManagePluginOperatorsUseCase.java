package io.supportpro.application.port.in;

import io.supportpro.domain.page.Count;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import java.util.Optional;

/** Lists operators with whether a plugin is enabled for each, and enables or disables it. */
public interface ManagePluginOperatorsUseCase {
  /**
   * Operators the filter covers, one page at a time after or before a row of another page, each
   * with the plugin's status; empty when the plugin is unknown or not active.
   */
  Optional<KeysetPage<OperatorChoice>> listMatching(
      PluginId plugin, PluginOperatorFilter filter, KeysetRequest page);

  /**
   * How many operators the filter covers, exactly up to {@code limit} and else "more than {@code
   * limit}"; empty when the plugin is unknown or not active.
   */
  Optional<Count> count(PluginId plugin, PluginOperatorFilter filter, long limit);

  /** Operators matching the search, whatever their status, role or activity. */
  default Optional<KeysetPage<OperatorChoice>> list(
      PluginId plugin, String search, KeysetRequest page) {
    return listMatching(
        plugin,
        new PluginOperatorFilter(
            search == null ? "" : search,
            PluginOperatorFilter.Status.ALL,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()),
        page);
  }

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

  /**
   * Enables or disables the plugin for every operator the command's filter covers, as a whole, with
   * one audit entry that gives the count and the filter. Enabling is refused while the plugin is
   * not {@link #configured}.
   */
  PluginOperatorsResult setAll(PluginOperatorsCommand command);
}
