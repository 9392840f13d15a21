package io.supportpro.bootstrap.example;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.testing.CodeMethodContract;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.util.Map;

/** The example code holds to the contract of every code method. */
class ExampleCodeMethodTest extends CodeMethodContract {
  private static final String SECRET = TotpSecret.random().base32();

  @Override
  protected Plugin plugin() {
    return new ExampleCodePlugin();
  }

  @Override
  protected PluginSettings settings() {
    return new PluginSettings(Map.of(ExampleCodePlugin.SECRET, new SettingValue(SECRET, true)));
  }

  @Override
  protected Operator operator() {
    return OperatorFixtures.operator("alice");
  }

  @Override
  protected String rightCode() {
    return ExampleCodePlugin.tokenCode(SECRET);
  }
}
