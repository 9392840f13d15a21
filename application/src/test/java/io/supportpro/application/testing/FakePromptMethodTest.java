package io.supportpro.application.testing;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The application's fake prompt plugin holds to the contract that every prompt method does. */
class FakePromptMethodTest extends PromptMethodContract {
  private final FakePromptPlugin plugin = new FakePromptPlugin();
  private final FakeSecretCipher cipher = new FakeSecretCipher();

  @Override
  protected Plugin plugin() {
    return plugin;
  }

  @Override
  protected PluginSettings settings() {
    return FakePromptPlugin.saved(cipher).withSecrets(cipher::decrypt);
  }

  @Override
  protected Operator operator() {
    return OperatorFixtures.operator("alice");
  }

  @Override
  protected Map<String, String> approve(URI prompt) {
    FakePromptPlugin.Callback callback = plugin.approve(prompt);
    Map<String, String> brought = new HashMap<>(callback.answer());
    brought.put("state", callback.state());
    return brought;
  }
}
