package io.supportpro.adapter.out.duo;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.testing.InMemoryDuoGateway;
import io.supportpro.domain.duo.DuoHosts;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.List;
import java.util.Map;

/**
 * The Duo Security plugin as the core sees it: Duo's settings, checked by Duo's rules, with the
 * hosts a server allows.
 */
final class DuoRulesPlugin implements Plugin {
  static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          DuoPlugin.ID,
          "Duo Security",
          "Confirms sign-ins with Duo's Universal Prompt.",
          "1.0.0",
          "SupportPro",
          DuoSettings.DEFINITIONS);

  /** Complete saved settings for the in-memory Duo, as the settings page would have stored them. */
  static final PluginSettings SAVED =
      new PluginSettings(
          Map.of(
              DuoSettings.CLIENT_ID, new SettingValue("DI1234567890ABCDEFGH", false),
              DuoSettings.CLIENT_SECRET, new SettingValue("fake:encrypted", true),
              DuoSettings.API_HOSTNAME, new SettingValue(InMemoryDuoGateway.API_HOST, false),
              DuoSettings.FAIL_MODE, new SettingValue("closed", false),
              DuoSettings.USERNAME_SOURCE, new SettingValue("username", false)));

  private final DuoHosts hosts;

  /** The proxy that the tests' settings name. */
  static final String PROXY = "proxy.example.internal";

  /** Allows Duo's own hosts, the in-memory Duo's and the tests' proxy, as a server listing them. */
  DuoRulesPlugin() {
    this(DuoHosts.DUO_ONLY.and(List.of(InMemoryDuoGateway.API_HOST, PROXY)));
  }

  DuoRulesPlugin(DuoHosts hosts) {
    this.hosts = hosts;
  }

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    return DuoSettings.check(
        typed, secretSaved.getOrDefault(DuoSettings.CLIENT_SECRET, false), hosts);
  }
}
