package io.supportpro.adapter.in.web.testing;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingDefinition.Kind;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
   * warning. It speaks English and German from its own bundle, so its texts here are the keys.
   */
  public static final class Webhooks implements Plugin {
    public static final String URL = "url";
    public static final String SIGNING_KEY = "signing_key";
    public static final String FORMAT = "format";
    public static final String RETRIES = "retries";

    /** The key of the problem with an address that is no web address. */
    public static final String CHECK_URL = "webhooks.check.url";

    /** The key of the warning for an address over plain http. */
    public static final String PLAIN_HTTP = "webhooks.check.url.plain-http";

    private static final PluginDescriptor DESCRIPTOR =
        new PluginDescriptor(
            WEBHOOKS,
            "webhooks.name",
            "webhooks.description",
            "0.3.1",
            "Example & Co <plugins@example.com>",
            List.of(
                new SettingDefinition(
                        URL, "webhooks.url.label", "webhooks.url.help", Kind.TEXT, "", List.of())
                    .asRequired(),
                new SettingDefinition(
                    SIGNING_KEY,
                    "webhooks.signing_key.label",
                    "webhooks.signing_key.help",
                    Kind.SECRET,
                    "",
                    List.of()),
                new SettingDefinition(
                        FORMAT,
                        "webhooks.format.label",
                        "webhooks.format.help",
                        Kind.CHOICE,
                        "json",
                        List.of("json", "form"))
                    .describing(
                        "json", "webhooks.format.json.label", "webhooks.format.json.description")
                    .describing(
                        "form", "webhooks.format.form.label", "webhooks.format.form.description"),
                new SettingDefinition(
                        RETRIES,
                        "webhooks.retries.label",
                        "webhooks.retries.help",
                        Kind.NUMBER,
                        "3",
                        List.of())
                    .asAdvanced()));

    @Override
    public PluginDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Optional<String> bundleBaseName() {
      return Optional.of("io/supportpro/adapter/in/web/testing/webhooks");
    }

    @Override
    public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
      String url = typed.getOrDefault(URL, "");
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        return new SettingsCheck(Map.of(URL, CHECK_URL), Map.of());
      }
      if (url.startsWith("http://")) {
        return new SettingsCheck(Map.of(), Map.of(URL, PLAIN_HTTP));
      }
      return SettingsCheck.CLEAN;
    }
  }
}
