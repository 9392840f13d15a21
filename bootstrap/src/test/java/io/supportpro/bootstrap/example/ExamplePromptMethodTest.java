package io.supportpro.bootstrap.example;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.testing.PromptMethodContract;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import java.net.URI;
import java.util.Map;

/**
 * The example prompt holds to the contract of every prompt method, its provider answering without a
 * server.
 */
class ExamplePromptMethodTest extends PromptMethodContract {
  private static final String SECRET = "the-example-prompt-signs-with-this";

  private final ExamplePromptPlugin plugin = new ExamplePromptPlugin();

  @Override
  protected Plugin plugin() {
    return plugin;
  }

  @Override
  protected PluginSettings settings() {
    return new PluginSettings(
        Map.of(
            ExamplePromptPlugin.PROMPT_ADDRESS,
            new SettingValue("http://127.0.0.1:8443/prompt", false),
            ExamplePromptPlugin.SHARED_SECRET,
            new SettingValue(SECRET, true)));
  }

  @Override
  protected Operator operator() {
    return OperatorFixtures.operator("alice");
  }

  @Override
  protected Map<String, String> approve(URI prompt) {
    URI back =
        ExamplePrompt.back(SECRET, ExamplePrompt.query(prompt.getRawQuery()), false).orElseThrow();
    return ExamplePrompt.query(back.getRawQuery());
  }
}
