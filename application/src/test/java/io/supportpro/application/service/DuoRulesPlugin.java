package io.supportpro.application.service;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.Map;

/** The Duo Security plugin as the core sees it: Duo's settings, checked by Duo's rules. */
final class DuoRulesPlugin implements Plugin {
  static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          DuoPlugin.ID,
          "Duo Security",
          "Confirms sign-ins with Duo's Universal Prompt.",
          "1.0.0",
          "SupportPro",
          DuoSettings.DEFINITIONS);

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    return DuoSettings.check(typed, secretSaved.getOrDefault(DuoSettings.CLIENT_SECRET, false));
  }
}
