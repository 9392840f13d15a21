package io.supportpro.adapter.out.duo;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.testing.PromptMethodContract;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Duo's prompt, over the in-memory Duo, holds to the contract that every prompt method does. */
class DuoPromptMethodContractTest extends PromptMethodContract {
  private final InMemoryDuoGateway duo =
      new InMemoryDuoGateway(DuoPanel.CLIENT_ID, DuoPanel.SECRET);
  private final DuoSecurityPlugin plugin =
      new DuoSecurityPlugin(duo, new DuoHosts(List.of(InMemoryDuoGateway.API_HOST)));

  @Override
  protected Plugin plugin() {
    return plugin;
  }

  @Override
  protected PluginSettings settings() {
    return new PluginSettings(
        Map.of(
            DuoSettings.CLIENT_ID, new SettingValue(DuoPanel.CLIENT_ID, false),
            DuoSettings.CLIENT_SECRET, new SettingValue(DuoPanel.SECRET, true),
            DuoSettings.API_HOSTNAME, new SettingValue(InMemoryDuoGateway.API_HOST, false)));
  }

  @Override
  protected Operator operator() {
    return OperatorFixtures.operator("alice");
  }

  @Override
  protected Map<String, String> approve(URI prompt) {
    return CallbackQuery.of(duo.approve(prompt));
  }
}
