package io.supportpro.application.port.in;

import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.SettingsCheck;

/** The outcome of saving a plugin's settings. */
public sealed interface SavePluginSettingsResult {
  /** Saved; the check may still carry warnings to show. */
  record Saved(SettingsCheck check) implements SavePluginSettingsResult {}

  /** Nothing saved; the check says what to correct, by setting. */
  record Invalid(SettingsCheck check) implements SavePluginSettingsResult {}

  /** Nothing saved: settings can be changed only while the plugin is active. */
  record NotActive(PluginId plugin) implements SavePluginSettingsResult {}

  /** No plugin of this id ships with this installation. */
  record UnknownPlugin(PluginId plugin) implements SavePluginSettingsResult {}
}
