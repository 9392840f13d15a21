package io.supportpro.adapter.out.duo;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.SettingDefinition;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DuoSecurityPluginTest {
  private final Plugin plugin = new DuoSecurityPlugin();
  // The descriptor's texts are keys of the plugin's bundle; this is the descriptor in English.
  private final PluginDescriptor english =
      plugin.words(Locale.ENGLISH).descriptor(plugin.descriptor());

  @Test
  void isFoundOnTheClassPath() {
    assertThat(ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::type))
        .contains(DuoSecurityPlugin.class);
  }

  @Test
  void describesItselfWithTheDuoSettingsAndOneSecret() {
    assertThat(plugin.descriptor().id()).isEqualTo(DuoSecurityPlugin.ID);
    assertThat(english.name()).isEqualTo("Duo Security");
    assertThat(plugin.descriptor().settings()).isEqualTo(DuoSettings.DEFINITIONS);
    assertThat(plugin.descriptor().settings())
        .filteredOn(SettingDefinition::secret)
        .extracting(SettingDefinition::key)
        .containsExactly(DuoSettings.CLIENT_SECRET);
  }

  @Test
  void asksForTheThreeValuesOfTheDuoAdminPanelFirst_asRequired() {
    assertThat(plugin.descriptor().settings())
        .filteredOn(SettingDefinition::required)
        .extracting(SettingDefinition::key)
        .containsExactly(
            DuoSettings.CLIENT_ID, DuoSettings.CLIENT_SECRET, DuoSettings.API_HOSTNAME);
    assertThat(plugin.descriptor().settings().subList(0, 3))
        .allMatch(SettingDefinition::required)
        .noneMatch(SettingDefinition::advanced);
  }

  @Test
  void foldsAwayTheNameSentToDuoAndTheOutboundConnectionOptions_asAdvanced() {
    assertThat(plugin.descriptor().settings())
        .filteredOn(SettingDefinition::advanced)
        .extracting(SettingDefinition::key)
        .containsExactly(
            DuoSettings.USERNAME_SOURCE,
            DuoSettings.PROXY_HOST,
            DuoSettings.PROXY_PORT,
            DuoSettings.CERTIFICATE_PINS);
  }

  @Test
  void describesEachFailMode_recommendingClosed_andAsksBeforeFailOpen() {
    SettingDefinition failMode = english.setting(DuoSettings.FAIL_MODE).orElseThrow();

    assertThat(failMode.describedChoices()).isTrue();
    assertThat(failMode.advanced()).isFalse();
    assertThat(failMode.defaultValue()).isEqualTo("closed");
    var closed = failMode.descriptions().get("closed");
    assertThat(closed.label()).isEqualTo("Fail closed — recommended");
    assertThat(closed.description())
        .isEqualTo(
            "When Duo cannot be reached, operators who use Duo cannot sign in until it is back.");
    var open = failMode.descriptions().get("open");
    assertThat(open.label()).isEqualTo("Fail open");
    assertThat(open.description()).contains("password only", "audited");
    assertThat(failMode.consequenceOf("open")).get().asString().contains("password only");
    assertThat(failMode.consequenceOf("closed")).isEmpty();
    assertThat(plugin.descriptor().setting(DuoSettings.USERNAME_SOURCE).orElseThrow())
        .satisfies(source -> assertThat(source.describedChoices()).isTrue());
  }

  @Test
  void itsStepsLeadThroughTheDuoAdminPanelToTheWebSdkApplication() {
    assertThat(String.join("\n", english.setupSteps()))
        .containsSubsequence(
            "Duo Admin Panel",
            "Applications, then Protect an Application",
            "\u201cWeb SDK\u201d",
            "Client ID, the Client secret and the API hostname",
            "Test connection");
  }

  @Test
  void theApiHostnamesHelpNamesNoServerVariable_whichOnlyTheErrorForAnUnlistedHostDoes() {
    SettingDefinition host = english.setting(DuoSettings.API_HOSTNAME).orElseThrow();
    assertThat(host.help()).doesNotContain(DuoHosts.VARIABLE);
    Map<String, String> typed =
        Map.of(
            DuoSettings.CLIENT_ID, "DIABCDEFGHIJKLMNOPQR",
            DuoSettings.CLIENT_SECRET, "",
            DuoSettings.API_HOSTNAME, "127.0.0.1");
    var listed =
        new DuoSecurityPlugin(
            new InMemoryDuoGateway("DIABCDEFGHIJKLMNOPQR", "a".repeat(40)),
            DuoHosts.parse("127.0.0.1"));

    assertThat(listed.check(typed, Map.of(DuoSettings.CLIENT_SECRET, true)))
        .satisfies(
            check -> {
              assertThat(check.problems()).isEmpty();
              assertThat(check.warnings()).isEmpty();
            });
    assertThat(plugin.check(typed, Map.of(DuoSettings.CLIENT_SECRET, true)).problems())
        .hasEntrySatisfying(
            DuoSettings.API_HOSTNAME,
            problem ->
                assertThat(plugin.words(Locale.ENGLISH).text(problem)).contains(DuoHosts.VARIABLE));
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
