package io.supportpro.application.service;

import io.supportpro.application.port.in.PluginOverview;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one check a plugin's settings pass: applied to what an administrator types before it is
 * saved, and to what is saved before the plugin is treated as configured. Saved settings that no
 * longer pass (the server's rules changed since) count as not configured.
 */
final class PluginSettingsRules {
  private PluginSettingsRules() {}

  /** The definitions' checks and the plugin's own, of settings as typed. */
  static SettingsCheck check(
      Plugin plugin, Map<String, String> typed, Map<String, Boolean> secretSaved) {
    return SettingsCheck.basic(plugin.descriptor(), typed).and(plugin.check(typed, secretSaved));
  }

  /** Whether the saved settings are complete and pass {@link #check}, secrets unread. */
  static boolean configured(Plugin plugin, PluginSettings saved) {
    Map<String, String> values = new TreeMap<>();
    Map<String, Boolean> secretSaved = new TreeMap<>();
    for (SettingDefinition setting : plugin.descriptor().settings()) {
      if (setting.secret()) {
        // Checked as if left empty: kept when saved, missing otherwise.
        values.put(setting.key(), "");
        secretSaved.put(
            setting.key(), saved.get(setting.key()).map(SettingValue::secret).orElse(false));
      } else {
        values.put(
            setting.key(),
            saved.get(setting.key()).map(SettingValue::value).orElse(setting.defaultValue()));
      }
    }
    return check(plugin, values, secretSaved).acceptable();
  }

  /** The plugin as the pages list it, in the state given. */
  static PluginOverview overview(Plugin plugin, PluginState state, boolean configured) {
    return new PluginOverview(
        plugin.descriptor(),
        state,
        configured,
        plugin.secondFactor().isPresent(),
        plugin.connectionTest().isPresent());
  }
}
