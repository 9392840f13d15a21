package io.supportpro.adapter.out.duo;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.domain.plugin.SettingDefinition;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DuoSecurityPluginTest {
  private final Plugin plugin = new DuoSecurityPlugin();

  @Test
  void isFoundOnTheClassPath() {
    assertThat(ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::type))
        .contains(DuoSecurityPlugin.class);
  }

  @Test
  void describesItselfWithTheDuoSettingsAndOneSecret() {
    assertThat(plugin.descriptor().id()).isEqualTo(DuoSecurityPlugin.ID);
    assertThat(plugin.descriptor().name()).isEqualTo("Duo Security");
    assertThat(plugin.descriptor().settings()).isEqualTo(DuoSettings.DEFINITIONS);
    assertThat(plugin.descriptor().settings())
        .filteredOn(SettingDefinition::secret)
        .extracting(SettingDefinition::key)
        .containsExactly(DuoSettings.CLIENT_SECRET);
  }

  @Test
  void check_appliesDuosRulesAndKeepsASavedSecret() {
    Map<String, String> typed =
        Map.of(
            DuoSettings.CLIENT_ID, "DIABCDEFGHIJKLMNOPQR",
            DuoSettings.CLIENT_SECRET, "",
            DuoSettings.API_HOSTNAME, "api-1234abcd.duosecurity.com");

    assertThat(plugin.check(typed, Map.of(DuoSettings.CLIENT_SECRET, true)).acceptable()).isTrue();
    assertThat(plugin.check(typed, Map.of(DuoSettings.CLIENT_SECRET, false)).problems())
        .containsOnlyKeys(DuoSettings.CLIENT_SECRET);
  }

  @Test
  void check_allowsOtherHostsOnlyWhenTheServerListsThem() {
    Map<String, String> typed =
        Map.of(
            DuoSettings.CLIENT_ID, "DIABCDEFGHIJKLMNOPQR",
            DuoSettings.CLIENT_SECRET, "",
            DuoSettings.API_HOSTNAME, "duo.example.internal");

    assertThat(plugin.check(typed, Map.of(DuoSettings.CLIENT_SECRET, true)).problems())
        .containsOnlyKeys(DuoSettings.API_HOSTNAME);
    assertThat(
            new DuoSecurityPlugin(
                    new InMemoryDuoGateway("DIABCDEFGHIJKLMNOPQR", "a".repeat(40)),
                    DuoHosts.parse("duo.example.internal"))
                .check(typed, Map.of(DuoSettings.CLIENT_SECRET, true))
                .acceptable())
        .isTrue();
  }

  @Test
  void offersAPromptThatDuoSendsBackToTheAddressDuoApplicationsKnow() {
    assertThat(plugin.secondFactor())
        .get()
        .isInstanceOfSatisfying(
            PromptMethod.class,
            method -> assertThat(method.callbackPath()).isEqualTo("/duo/callback"));
  }

  @Test
  void offersAConnectionTest() {
    assertThat(plugin.connectionTest()).containsInstanceOf(DuoConnectionTest.class);
  }
}
