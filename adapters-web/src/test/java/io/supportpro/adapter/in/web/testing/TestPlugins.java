package io.supportpro.adapter.in.web.testing;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingDefinition.Kind;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.List;
import java.util.Map;

/**
 * The plugins the test panel ships with: a {@link PromptPlugin} and a {@link CodePlugin}, whose
 * providers a test scripts, and a plugin without a second factor that has a setting of every kind,
 * so that the Plugins page lists several and the settings form meets every field type.
 */
public final class TestPlugins {
  /** The id of the plugin without a second factor. */
  public static final PluginId WEBHOOKS = new PluginId("webhooks");

  private TestPlugins() {}

  /** How a test plugin's provider answers its next requests. */
  public enum Outcome {
    /** As it should: it takes the request and checks what it is given. */
    ALLOW,
    /** It turns the request away, whatever it is given. */
    DENY,
    /** It cannot be reached. */
    UNAVAILABLE
  }

  /**
   * Posts ticket events to an address: a required text, a secret, a described choice and an
   * advanced number setting. The address must be a web address, and plain http is allowed with a
   * warning.
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
                        List.of())
                    .asRequired(),
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
                        List.of("json", "form"))
                    .describing("json", "JSON", "One JSON object per event.")
                    .describing("form", "Form fields", "The event's fields, form-encoded."),
                new SettingDefinition(
                        RETRIES,
                        "Retries",
                        "How often a failed post is tried again.",
                        Kind.NUMBER,
                        "3",
                        List.of())
                    .asAdvanced()));

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
