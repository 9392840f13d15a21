package io.supportpro.adapter.out.duo;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.duo.DuoHosts;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.Map;
import java.util.Objects;

/**
 * The Duo Security plugin as the Plugins page knows it: who it is, the settings it takes and how
 * they are checked, including the hosts the server allows it to connect to. Found on the class path
 * through {@code META-INF/services}; the composition root puts one built with the server's allowed
 * hosts in its place.
 */
public final class DuoSecurityPlugin implements Plugin {
  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          DuoPlugin.ID,
          "Duo Security",
          "Operators you choose confirm each sign-in with Duo's Universal Prompt (push, passcode,"
              + " security key) instead of the built-in authenticator codes.",
          "1.0.0",
          "SupportPro",
          DuoSettings.DEFINITIONS);

  private final DuoHosts hosts;

  /** The plugin as the class path provides it: Duo's own hosts only. */
  public DuoSecurityPlugin() {
    this(DuoHosts.DUO_ONLY);
  }

  /** The plugin allowing Duo's own hosts and {@code hosts}. */
  public DuoSecurityPlugin(DuoHosts hosts) {
    this.hosts = Objects.requireNonNull(hosts, "hosts");
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
