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
          "example-prompt.name",
          "example-prompt.description",
          "1.0.0",
          "SupportPro",
          List.of(
              new SettingDefinition(
                  PROMPT_ADDRESS,
                  "example-prompt.prompt_address.label",
                  "example-prompt.prompt_address.help",
                  SettingDefinition.Kind.TEXT,
                  "",
                  List.of()),
              new SettingDefinition(
                  SHARED_SECRET,
                  "example-prompt.shared_secret.label",
                  "example-prompt.shared_secret.help",
                  SettingDefinition.Kind.SECRET,
                  "",
                  List.of())),
          List.of("example-prompt.setup.start", "example-prompt.setup.enter"));

  private final ExamplePromptMethod method = new ExamplePromptMethod();

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Optional<String> bundleBaseName() {
    return Optional.of("io/supportpro/bootstrap/example/prompt-messages");
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    Map<String, String> problems = new TreeMap<>();
    if (!isWebAddress(typed.getOrDefault(PROMPT_ADDRESS, ""))) {
      problems.put(PROMPT_ADDRESS, "example-prompt.check.prompt_address");
    }
    String secret = typed.getOrDefault(SHARED_SECRET, "");
    // An empty field keeps the saved secret, if there is one.
    boolean kept = secret.isEmpty() && secretSaved.getOrDefault(SHARED_SECRET, false);
    if (!kept && secret.length() < MIN_SECRET) {
      // The bundle names MIN_SECRET.
      problems.put(SHARED_SECRET, "example-prompt.check.shared_secret");
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
