package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.application.port.in.TestPluginConnectionUseCase.ConnectionTestResult;
import io.supportpro.application.testing.FakeCodePlugin;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakePromptPlugin.Provider;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PluginConnectionTestServiceTest {
  private static final String SECRET = FakePromptPlugin.SECRET;
  private static final String WRONG_SECRET = "ZYXWVUTSRQ9876543210zyxwvutsrq9876543210";
  private static final URI PANEL = URI.create("https://help.example.com");
  private static final PluginId PROMPT = FakePromptPlugin.ID;

  private final MutableClock clock = MutableClock.atStart();
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final FakeSecretCipher cipher = new FakeSecretCipher();
  private final FakePromptPlugin prompt = new FakePromptPlugin();
  private final InMemoryPluginCatalog catalog =
      new InMemoryPluginCatalog(List.of(prompt, new FakeCodePlugin()));
  private final PluginConnectionTestService service =
      new PluginConnectionTestService(catalog, plugins, cipher, PANEL, audit, clock);
  private final Actor admin = actingAs(administrator("root"));

  @BeforeEach
  void setUp() {
    plugins.transition(PROMPT, PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.ACTIVE);
    configure(Map.of());
  }

  private void configure(Map<String, String> overrides) {
    var result =
        new PluginSettingsService(catalog, plugins, cipher, audit, clock)
            .save(new SavePluginSettingsCommand(admin, PROMPT, typed(overrides)));
    assertThat(result).isInstanceOf(SavePluginSettingsResult.Saved.class);
  }

  private static Map<String, String> typed(Map<String, String> overrides) {
    Map<String, String> typed = FakePromptPlugin.typed();
    typed.putAll(overrides);
    return typed;
  }

  private ConnectionTestResult test(Map<String, String> overrides) {
    return service.test(admin, PROMPT, typed(overrides));
  }

  private List<AuditEvent> tests() {
    return audit.all().stream()
        .filter(e -> e.type() == AuditEventType.PLUGIN_CONNECTION_TESTED)
        .toList();
  }

  /** The settings the plugin's test last tried. */
  private PluginSettings tried() {
    return prompt.tried().getLast().settings();
  }

  @Test
  void acceptsValuesTheProviderAccepts_andAuditsWhoTestedWhatWithWhatThePluginKeeps() {
    ConnectionTestResult result = test(Map.of());

    assertThat(result.accepted()).isTrue();
    assertThat(result.message()).isEqualTo(FakePromptPlugin.TEST_ACCEPTED);
    assertThat(result.check().acceptable()).isTrue();
    assertThat(tests())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.actor()).isEqualTo(admin);
              assertThat(event.at()).isEqualTo(clock.now());
              assertThat(event.subject()).isEqualTo(PROMPT.value());
              assertThat(event.details())
                  .containsOnly(
                      Map.entry("outcome", "accepted"),
                      Map.entry(FakePromptPlugin.CLIENT_ID, FakePromptPlugin.CLIENT),
                      Map.entry(FakePromptPlugin.PROMPT_HOST, FakePromptPlugin.HOST));
            });
  }

  @Test
  void givesTheTestTheTypedValuesTrimmedTheSecretsMarkedAndThePanelsAddress() {
    test(
        Map.of(
            FakePromptPlugin.CLIENT_ID, "  OTHERCLIENT0000 ", FakePromptPlugin.FAIL_MODE, "open"));

    assertThat(tried().values())
        .containsEntry(FakePromptPlugin.CLIENT_ID, new SettingValue("OTHERCLIENT0000", false))
        .containsEntry(FakePromptPlugin.CLIENT_SECRET, new SettingValue(SECRET, true))
        .containsEntry(FakePromptPlugin.FAIL_MODE, new SettingValue("open", false));
    assertThat(prompt.tried().getLast().panelAddress()).isEqualTo(PANEL);
  }

  @Test
  void ignoresKeysThePluginDoesNotDeclare() {
    service.test(admin, PROMPT, typed(Map.of("redirect_uri", "https://attacker.example/")));

    assertThat(tried().values().keySet())
        .containsExactlyInAnyOrderElementsOf(
            prompt.descriptor().settings().stream().map(s -> s.key()).toList());
  }

  @Test
  void saysWhatThePluginSaysWhenTheProviderRefuses() {
    ConnectionTestResult result = test(Map.of(FakePromptPlugin.CLIENT_SECRET, WRONG_SECRET));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(FakePromptPlugin.TEST_REFUSED);
    assertThat(tests().getLast().details()).containsEntry("outcome", "refused");
  }

  @Test
  void aFailureToReachTheProvider_keepsItsDetailForTheServersLogOnly() {
    prompt.provider(Provider.DOWN);

    ConnectionTestResult result = test(Map.of());

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(FakePromptPlugin.TEST_NOT_REACHED);
    assertThat(result.check().acceptable()).isTrue();
    assertThat(result.logDetail())
        .isEqualTo("no answer from " + FakePromptPlugin.HOST)
        .doesNotContain(SECRET);
    assertThat(tests().getLast().details())
        .containsEntry("outcome", "not_reached")
        .doesNotContainKey("detail")
        .doesNotContainValue(result.logDetail());
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void isRefusedWhileThePluginIsNotActive(PluginState state) {
    plugins.transition(PROMPT, PluginState.ACTIVE, state);

    ConnectionTestResult result = test(Map.of());

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(PluginConnectionTestService.NOT_ACTIVE);
    assertThat(prompt.tried()).isEmpty();
    assertThat(tests().getLast().details()).containsEntry("outcome", "not_active");
  }

  @Test
  void isRefusedForAPluginWithoutAConnectionTest() {
    plugins.transition(FakeCodePlugin.ID, PluginState.AVAILABLE, PluginState.ACTIVE);
    int events = audit.all().size();

    ConnectionTestResult result =
        service.test(admin, FakeCodePlugin.ID, Map.of(FakeCodePlugin.CODE, "a-code"));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(PluginConnectionTestService.NO_TEST);
    assertThat(audit.all()).hasSize(events);
  }

  @Test
  void isRefusedForAPluginThatDoesNotShip() {
    PluginId retired = new PluginId("retired");
    plugins.transition(retired, PluginState.AVAILABLE, PluginState.ACTIVE);

    ConnectionTestResult result = service.test(admin, retired, Map.of());

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(PluginConnectionTestService.NO_TEST);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        FakePromptPlugin.CLIENT_ID,
        FakePromptPlugin.PROMPT_HOST,
        FakePromptPlugin.PROMPT_PORT,
        FakePromptPlugin.FAIL_MODE
      })
  void isRefusedForValuesThatDoNotPassTheChecks_sayingWhichField(String key) {
    ConnectionTestResult result = test(Map.of(key, "not valid/<x>"));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(PluginConnectionTestService.CORRECT);
    assertThat(result.check().problems()).containsOnlyKeys(key);
    assertThat(prompt.tried()).isEmpty();
    assertThat(tests().getLast().details()).containsEntry("outcome", "invalid_settings");
  }

  @Test
  void neverReachesAHostTheServerDoesNotAllow() {
    ConnectionTestResult result =
        test(Map.of(FakePromptPlugin.PROMPT_HOST, "intranet.example.internal"));

    assertThat(result.check().problems()).containsKey(FakePromptPlugin.PROMPT_HOST);
    assertThat(prompt.tried()).isEmpty();
    assertThat(tests())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details())
                    .containsEntry("outcome", "invalid_settings")
                    .containsEntry(FakePromptPlugin.PROMPT_HOST, "intranet.example.internal"));
  }

  @Test
  void usesTheSavedSecretDecryptedWhenTheFieldIsLeftEmpty() {
    ConnectionTestResult result = test(Map.of(FakePromptPlugin.CLIENT_SECRET, ""));

    assertThat(result.accepted()).isTrue();
    assertThat(tried().get(FakePromptPlugin.CLIENT_SECRET))
        .contains(new SettingValue(SECRET, true));
  }

  @Test
  void withAnEmptySecretTestsTheSavedOneEvenWhenItIsWrong() {
    configure(Map.of(FakePromptPlugin.CLIENT_SECRET, WRONG_SECRET));

    ConnectionTestResult result = test(Map.of(FakePromptPlugin.CLIENT_SECRET, ""));

    assertThat(result.accepted()).isFalse();
    assertThat(tried().get(FakePromptPlugin.CLIENT_SECRET))
        .contains(new SettingValue(WRONG_SECRET, true));
  }

  @Test
  void isRefusedForAnEmptySecretWhenNoneIsSaved() {
    plugins.saveSettingsIfActive(PROMPT, PluginSettings.EMPTY);

    ConnectionTestResult result = test(Map.of(FakePromptPlugin.CLIENT_SECRET, ""));

    assertThat(result.accepted()).isFalse();
    assertThat(result.check().problems()).containsKey(FakePromptPlugin.CLIENT_SECRET);
    assertThat(prompt.tried()).isEmpty();
  }

  @Test
  void saysWhenTheSavedSecretCannotBeRead() {
    plugins.saveSettingsIfActive(
        PROMPT,
        new PluginSettings(
            Map.of(FakePromptPlugin.CLIENT_SECRET, new SettingValue("fake:0011223344", true))));

    ConnectionTestResult result = test(Map.of(FakePromptPlugin.CLIENT_SECRET, ""));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(PluginConnectionTestService.UNREADABLE_SECRET);
    assertThat(prompt.tried()).isEmpty();
    assertThat(tests().getLast().details()).containsEntry("outcome", "unreadable_secret");
  }

  @Test
  void auditsWhatThePluginKeepsOnOneLineAndShortened() {
    String typed = "CLIENT\u0000" + "x".repeat(300);

    test(Map.of(FakePromptPlugin.CLIENT_ID, typed));

    String kept = tests().getLast().details().get(FakePromptPlugin.CLIENT_ID);
    assertThat(kept).startsWith("CLIENT?xxx").endsWith("…").hasSize(256);
  }

  @Test
  void savesNothing_andNeverWritesASecretIntoTheAuditLog() {
    PluginSettings before = plugins.settings(PROMPT);

    test(Map.of(FakePromptPlugin.CLIENT_SECRET, WRONG_SECRET));
    prompt.provider(Provider.DOWN);
    test(Map.of());
    test(Map.of(FakePromptPlugin.CLIENT_ID, "bad", FakePromptPlugin.CLIENT_SECRET, WRONG_SECRET));

    assertThat(plugins.settings(PROMPT)).isEqualTo(before);
    assertThat(tests()).hasSize(3);
    assertThat(audit.all())
        .allSatisfy(
            e -> assertThat(e.toString()).doesNotContain(SECRET).doesNotContain(WRONG_SECRET));
  }

  @Test
  void refusesMissingCollaborators() {
    assertThatNullPointerException()
        .isThrownBy(
            () -> new PluginConnectionTestService(null, plugins, cipher, PANEL, audit, clock));
    assertThatNullPointerException()
        .isThrownBy(
            () -> new PluginConnectionTestService(catalog, plugins, cipher, null, audit, clock));
    assertThatNullPointerException().isThrownBy(() -> service.test(null, PROMPT, Map.of()));
  }
}
