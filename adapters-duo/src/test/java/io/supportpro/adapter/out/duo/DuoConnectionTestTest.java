package io.supportpro.adapter.out.duo;

import static io.supportpro.adapter.out.duo.DuoPanel.CALLBACK;
import static io.supportpro.adapter.out.duo.DuoPanel.CLIENT_ID;
import static io.supportpro.adapter.out.duo.DuoPanel.HOST;
import static io.supportpro.adapter.out.duo.DuoPanel.PROXY;
import static io.supportpro.adapter.out.duo.DuoPanel.PUBLIC_URL;
import static io.supportpro.adapter.out.duo.DuoPanel.SECRET;
import static io.supportpro.adapter.out.duo.DuoPanel.WRONG_SECRET;
import static io.supportpro.adapter.out.duo.DuoPanel.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.emulator.Fault;
import io.supportpro.application.port.in.TestPluginConnectionUseCase.ConnectionTestResult;
import io.supportpro.application.port.out.ConnectionTest;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.service.PluginConnectionTestService;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.PluginWords;
import io.supportpro.domain.plugin.SettingValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Duo's connection test, alone and as the settings page runs it through {@link
 * PluginConnectionTestService}: after Duo's checks of the values, with the saved secret when the
 * field is left empty, audited without secrets, and telling the administrator only what Duo said.
 */
class DuoConnectionTestTest {
  /** The in-memory Duo, recording the connections it was asked to check. */
  private static final class RecordingDuo implements DuoGateway {
    private final InMemoryDuoGateway duo = new InMemoryDuoGateway(CLIENT_ID, SECRET);
    private final List<DuoConnection> checked = new ArrayList<>();

    @Override
    public Health healthCheck(DuoConnection connection) {
      checked.add(connection);
      return duo.healthCheck(connection);
    }

    @Override
    public Prompt prompt(DuoConnection connection, String username, String state) {
      throw new AssertionError("a connection test never prompts");
    }

    @Override
    public Result exchange(DuoConnection connection, String code, String username) {
      throw new AssertionError("a connection test never exchanges a code");
    }
  }

  private final RecordingDuo gateway = new RecordingDuo();
  private final DuoPanel panel = new DuoPanel(gateway);
  private final PluginRepository plugins = panel.stores.plugins();
  private final PluginConnectionTestService service =
      new PluginConnectionTestService(
          panel.catalog, plugins, panel.cipher, PUBLIC_URL, panel.audit, panel.clock);

  private ConnectionTestResult test(Map<String, String> overrides) {
    return service.test(panel.admin, DuoSecurityPlugin.ID, typed(overrides));
  }

  private List<AuditEvent> tests() {
    return panel.events(AuditEventType.PLUGIN_CONNECTION_TESTED);
  }

  // --- Duo's test alone

  @Test
  void asksDuoWithTheCallbackAddressDuoApplicationsKnow() {
    ConnectionTest.Outcome outcome =
        new DuoConnectionTest(gateway).test(settings(SECRET), PUBLIC_URL);

    assertThat(outcome)
        .isEqualTo(new ConnectionTest.Outcome(true, "accepted", DuoConnectionTest.ACCEPTED, ""));
    assertThat(gateway.checked.getLast().redirectUri()).isEqualTo(CALLBACK);
  }

  @Test
  void settingsThatDoNotParse_areNeverSentToDuo() {
    ConnectionTest.Outcome outcome =
        new DuoConnectionTest(gateway).test(settings("short"), PUBLIC_URL);

    assertThat(outcome.accepted()).isFalse();
    assertThat(outcome.outcome()).isEqualTo("invalid_settings");
    assertThat(outcome.message()).isEqualTo(DuoConnectionTest.FAILED);
    assertThat(gateway.checked).isEmpty();
  }

  @Test
  void audited_keepsTheHostsTriedAndNeverTheSecret() {
    ConnectionTest test = new DuoConnectionTest(gateway);

    assertThat(test.audited(typed(Map.of())))
        .containsExactly(Map.entry(DuoSettings.API_HOSTNAME, HOST));
    assertThat(
            test.audited(
                typed(Map.of(DuoSettings.PROXY_HOST, " " + PROXY, DuoSettings.PROXY_PORT, "3128"))))
        .containsExactly(
            Map.entry(DuoSettings.API_HOSTNAME, HOST), Map.entry("proxy", PROXY + ":3128"));
  }

  /** Saved settings as the core hands them to a plugin: the secret in clear, marked secret. */
  private static PluginSettings settings(String secret) {
    var values = new HashMap<String, SettingValue>();
    typed(Map.of()).forEach((key, value) -> values.put(key, new SettingValue(value, false)));
    values.put(DuoSettings.CLIENT_SECRET, new SettingValue(secret, true));
    return new PluginSettings(values);
  }

  // --- as the settings page runs it

  @Test
  void acceptsValuesDuoAccepts_andAuditsWhoTestedWhat() {
    ConnectionTestResult result = test(Map.of());

    assertThat(result.accepted()).isTrue();
    assertThat(result.message()).isEqualTo(DuoConnectionTest.ACCEPTED);
    assertThat(gateway.checked.getLast().clientSecret()).isEqualTo(SECRET);
    assertThat(tests())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.actor()).isEqualTo(panel.admin);
              assertThat(event.at()).isEqualTo(panel.clock.now());
              assertThat(event.subject()).isEqualTo(DuoSecurityPlugin.ID.value());
              assertThat(event.details())
                  .containsEntry("outcome", "accepted")
                  .containsEntry("api_hostname", HOST);
            });
  }

  @Test
  void usesTheTypedValuesNotTheSavedOnes() {
    test(Map.of(DuoSettings.CLIENT_ID, "DIZZZZZZZZZZZZZZZZZZ"));

    assertThat(gateway.checked.getLast().clientId()).isEqualTo("DIZZZZZZZZZZZZZZZZZZ");
  }

  @Test
  void saysPlainlyWhenDuoRefusesTheCredentials() {
    ConnectionTestResult result = test(Map.of(DuoSettings.CLIENT_SECRET, WRONG_SECRET));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(DuoConnectionTest.REFUSED);
    assertThat(result.logDetail()).startsWith("INVALID_CONFIGURATION: ");
    assertThat(tests().getLast().details()).containsEntry("outcome", "refused_by_duo");
  }

  /** Whatever stops the test short of Duo's own answer, the page says the same. */
  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503", "HTTP_429", "HTTP_400", "MALFORMED_JSON"})
  void everyFailureToReachDuo_getsOneMessage_withTheDetailForTheLogOnly(Fault fault) {
    gateway.duo.inject(fault);

    ConnectionTestResult result =
        test(Map.of(DuoSettings.PROXY_HOST, PROXY, DuoSettings.PROXY_PORT, "3128"));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(DuoConnectionTest.FAILED);
    assertThat(result.check().acceptable()).isTrue();
    assertThat(result.logDetail()).isNotBlank().doesNotContain(SECRET);
    assertThat(tests().getLast().details())
        .containsEntry("outcome", "not_reached")
        .containsEntry("proxy", PROXY + ":3128")
        .doesNotContainKey("detail");
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void isRefusedWhileThePluginIsNotActive(PluginState state) {
    panel.deactivate();
    if (state == PluginState.AVAILABLE) {
      plugins.transition(DuoSecurityPlugin.ID, PluginState.INACTIVE, PluginState.AVAILABLE);
    }

    ConnectionTestResult result = test(Map.of());

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).contains("Activate");
    assertThat(gateway.checked).isEmpty();
    assertThat(tests().getLast().details()).containsEntry("outcome", "not_active");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        DuoSettings.CLIENT_ID,
        DuoSettings.API_HOSTNAME,
        DuoSettings.PROXY_PORT,
        DuoSettings.CERTIFICATE_PINS,
        DuoSettings.FAIL_MODE,
        DuoSettings.USERNAME_SOURCE
      })
  void isRefusedForValuesThatDoNotPassDuosChecks_sayingWhichField(String key) {
    ConnectionTestResult result = test(Map.of(key, "not valid/<x>"));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo("Correct the settings marked below, then test again.");
    assertThat(result.check().problems()).containsKey(key);
    assertThat(gateway.checked).isEmpty();
  }

  @Test
  void neverContactsAHostTheServerDoesNotAllow() {
    ConnectionTestResult byApiHost =
        test(Map.of(DuoSettings.API_HOSTNAME, "intranet.example.internal"));
    ConnectionTestResult byProxy =
        test(
            Map.of(
                DuoSettings.PROXY_HOST, "intranet.example.internal",
                DuoSettings.PROXY_PORT, "22"));

    // The plugin's problems are keys of its bundle; their English words name the variable.
    PluginWords english = new DuoSecurityPlugin().words(Locale.ENGLISH);
    assertThat(english.text(byApiHost.check().problems().get(DuoSettings.API_HOSTNAME)))
        .contains(DuoHosts.VARIABLE);
    assertThat(english.text(byProxy.check().problems().get(DuoSettings.PROXY_HOST)))
        .contains(DuoHosts.VARIABLE);
    assertThat(gateway.checked).isEmpty();
    assertThat(tests())
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.details()).containsEntry("outcome", "invalid_settings"));
  }

  @Test
  void usesTheSavedSecretWhenTheFieldIsLeftEmpty() {
    ConnectionTestResult result = test(Map.of(DuoSettings.CLIENT_SECRET, ""));

    assertThat(result.accepted()).isTrue();
    assertThat(gateway.checked.getLast().clientSecret()).isEqualTo(SECRET);
  }

  @Test
  void withAnEmptySecretTestsTheSavedOneEvenWhenItIsWrong() {
    panel.configure(Map.of(DuoSettings.CLIENT_SECRET, WRONG_SECRET));

    ConnectionTestResult result = test(Map.of(DuoSettings.CLIENT_SECRET, ""));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(DuoConnectionTest.REFUSED);
  }

  @Test
  void isRefusedForAnEmptySecretWhenNoneIsSaved() {
    plugins.saveSettingsIfActive(DuoSecurityPlugin.ID, PluginSettings.EMPTY);

    ConnectionTestResult result = test(Map.of(DuoSettings.CLIENT_SECRET, ""));

    assertThat(result.accepted()).isFalse();
    assertThat(result.check().problems()).containsKey(DuoSettings.CLIENT_SECRET);
    assertThat(gateway.checked).isEmpty();
  }

  @Test
  void saysWhenTheSavedSecretCannotBeRead() {
    plugins.saveSettingsIfActive(
        DuoSecurityPlugin.ID,
        new PluginSettings(
            Map.of(DuoSettings.CLIENT_SECRET, new SettingValue("fake:0011223344", true))));

    ConnectionTestResult result = test(Map.of(DuoSettings.CLIENT_SECRET, ""));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).contains("enter it again");
    assertThat(gateway.checked).isEmpty();
  }

  @Test
  void savesNothing_andNeverWritesTheSecretIntoTheAuditLog() {
    PluginSettings before = plugins.settings(DuoSecurityPlugin.ID);

    test(Map.of(DuoSettings.CLIENT_SECRET, WRONG_SECRET));
    gateway.duo.inject(Fault.DOWN);
    test(Map.of());

    assertThat(plugins.settings(DuoSecurityPlugin.ID)).isEqualTo(before);
    assertThat(tests()).hasSize(2);
    assertThat(panel.audit.all())
        .allSatisfy(
            e -> assertThat(e.toString()).doesNotContain(SECRET).doesNotContain(WRONG_SECRET));
  }
}
