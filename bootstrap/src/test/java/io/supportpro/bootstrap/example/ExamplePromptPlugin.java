package io.supportpro.bootstrap.example;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.SecondFactorMethod;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingsCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An example plugin whose second factor is a prompt elsewhere: the browser goes to the {@link
 * ExamplePrompt} at the saved address and comes back with an answer signed with the saved secret.
 */
public final class ExamplePromptPlugin implements Plugin {
  /** The plugin's id, also its address under {@code /admin/plugins/}. */
  public static final PluginId ID = new PluginId("example-prompt");

  /** The key of the prompt's address. */
  public static final String PROMPT_ADDRESS = "prompt_address";

  /** The key of the secret the prompt signs its answers with. */
  public static final String SHARED_SECRET = "shared_secret";

  // Enough to make the signature unguessable; the prompt is given the same text.
  private static final int MIN_SECRET = 16;

  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          ID,
          "Example prompt",
          "Operators you choose confirm each sign-in at an example prompt outside the panel.",
          "1.0.0",
          "SupportPro",
          List.of(
              new SettingDefinition(
                  PROMPT_ADDRESS,
                  "Prompt address",
                  "Where the example prompt listens, such as http://127.0.0.1:8443/prompt.",
                  SettingDefinition.Kind.TEXT,
                  "",
                  List.of()),
              new SettingDefinition(
                  SHARED_SECRET,
                  "Shared secret",
                  "The secret the example prompt signs its answers with.",
                  SettingDefinition.Kind.SECRET,
                  "",
                  List.of())),
          List.of(
              "Start the example prompt with a secret of at least 16 characters.",
              "Enter its address and the same secret below, then press Save settings."));

  private final ExamplePromptMethod method = new ExamplePromptMethod();

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    Map<String, String> problems = new TreeMap<>();
    if (!isWebAddress(typed.getOrDefault(PROMPT_ADDRESS, ""))) {
      problems.put(PROMPT_ADDRESS, "Enter an address starting with http:// or https://.");
    }
    String secret = typed.getOrDefault(SHARED_SECRET, "");
    // An empty field keeps the saved secret, if there is one.
    boolean kept = secret.isEmpty() && secretSaved.getOrDefault(SHARED_SECRET, false);
    if (!kept && secret.length() < MIN_SECRET) {
      problems.put(SHARED_SECRET, "Enter a secret of at least " + MIN_SECRET + " characters.");
    }
    return new SettingsCheck(problems, Map.of());
  }

  private static boolean isWebAddress(String text) {
    try {
      URI address = new URI(text);
      return address.getHost() != null
          && address.getRawQuery() == null
          && ("http".equals(address.getScheme()) || "https".equals(address.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public Optional<SecondFactorMethod> secondFactor() {
    return Optional.of(method);
  }
}
