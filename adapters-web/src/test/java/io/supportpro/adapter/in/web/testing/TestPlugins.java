package io.supportpro.adapter.in.web.testing;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.duo.DuoHosts;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingDefinition.Kind;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.List;
import java.util.Map;

/**
 * The plugins the test panel ships with: one that behaves like the real Duo Security plugin (which
 * lives in an adapter module this one must not depend on), and a small one with a setting of every
 * kind, so that the Plugins page lists more than one and the settings form meets every field type.
 */
public final class TestPlugins {
  /** The second plugin's id. */
  public static final PluginId WEBHOOKS = new PluginId("webhooks");

  private TestPlugins() {}

  /** Duo's descriptor and Duo's own checks, as {@code DuoSecurityPlugin} has them. */
  public static final class DuoSecurity implements Plugin {
    private static final PluginDescriptor DESCRIPTOR =
        new PluginDescriptor(
            DuoPlugin.ID,
            "Duo Security",
            "Confirms operator sign-ins with Duo's Universal Prompt instead of the built-in"
                + " two-factor authentication.",
            "1.0.0",
            "SupportPro",
            DuoSettings.DEFINITIONS);

    @Override
    public PluginDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
      return DuoSettings.check(
          typed, secretSaved.getOrDefault(DuoSettings.CLIENT_SECRET, false), DuoHosts.DUO_ONLY);
    }
  }

  /**
   * Posts ticket events to an address: a text, a secret, a choice and a number setting. The address
   * must be a web address, and plain http is allowed with a warning.
   */
  public static final class Webhooks implements Plugin {
    public static final String URL = "url";
    public static final String SIGNING_KEY = "signing_key";
    public static final String FORMAT = "format";
    public static final String RETRIES = "retries";

    private static final PluginDescriptor DESCRIPTOR =
        new PluginDescriptor(
            WEBHOOKS,
            "Webhooks",
            "Posts ticket events to an address of your choice.",
            "0.3.1",
            "Example & Co <plugins@example.com>",
            List.of(
                new SettingDefinition(
                    URL,
                    "Address",
                    "Where events are posted, such as https://hooks.example.com/x.",
                    Kind.TEXT,
                    "",
                    List.of()),
                new SettingDefinition(
                    SIGNING_KEY,
                    "Signing key",
                    "Signs every request so the receiver can trust it.",
                    Kind.SECRET,
                    "",
                    List.of()),
                new SettingDefinition(
                    FORMAT,
                    "Format",
                    "How each event is encoded.",
                    Kind.CHOICE,
                    "json",
                    List.of("json", "form")),
                new SettingDefinition(
                    RETRIES,
                    "Retries",
                    "How often a failed post is tried again.",
                    Kind.NUMBER,
                    "3",
                    List.of())));

    @Override
    public PluginDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
      String url = typed.getOrDefault(URL, "");
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        return new SettingsCheck(
            Map.of(URL, "Enter an address that starts with https://."), Map.of());
      }
      if (url.startsWith("http://")) {
        return new SettingsCheck(
            Map.of(), Map.of(URL, "Events will be sent unencrypted over plain http."));
      }
      return SettingsCheck.CLEAN;
    }
  }
}
