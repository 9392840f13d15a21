package io.supportpro.application.testing;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;

/** The application's fake code plugin holds to the contract that every code method does. */
class FakeCodeMethodTest extends CodeMethodContract {
  private final FakeCodePlugin plugin = new FakeCodePlugin();
  private final FakeSecretCipher cipher = new FakeSecretCipher();

  @Override
  protected Plugin plugin() {
    return plugin;
  }

  @Override
  protected PluginSettings settings() {
    return FakeCodePlugin.saved(cipher).withSecrets(cipher::decrypt);
  }

  @Override
  protected Operator operator() {
    return OperatorFixtures.operator("alice");
  }

  @Override
  protected String rightCode() {
    return FakeCodePlugin.THE_CODE;
  }
}
