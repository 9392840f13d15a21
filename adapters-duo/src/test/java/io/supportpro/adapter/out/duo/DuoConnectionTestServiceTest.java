package io.supportpro.adapter.out.duo;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.application.port.in.TestDuoConnectionUseCase.ConnectionTestResult;
import io.supportpro.application.port.out.DuoConnection;
import io.supportpro.application.port.out.DuoGateway;
import io.supportpro.application.testing.DuoFault;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryDuoGateway;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DuoConnectionTestServiceTest {
  private static final String CLIENT_ID = "DI1234567890ABCDEFGH";
  private static final String SECRET = "abcdefghij0123456789ABCDEFGHIJ0123456789";
  private static final String WRONG_SECRET = "ZYXWVUTSRQ9876543210zyxwvutsrq9876543210";
  private static final String HOST = InMemoryDuoGateway.API_HOST;
  private static final URI CALLBACK = URI.create("https://help.example.com/duo/callback");

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

  private final MutableClock clock = MutableClock.atStart();
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final FakeSecretCipher cipher = new FakeSecretCipher();
  private final RecordingDuo gateway = new RecordingDuo();
  private final InMemoryPluginCatalog catalog =
      new InMemoryPluginCatalog(List.of(new DuoRulesPlugin()));
  private final DuoConnectionTestService service =
      new DuoConnectionTestService(catalog, plugins, gateway, cipher, CALLBACK, audit, clock);
  private final Actor admin = actingAs(administrator("root"));

  @BeforeEach
  void setUp() {
    plugins.transition(DuoPlugin.ID, PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.transition(DuoPlugin.ID, PluginState.INACTIVE, PluginState.ACTIVE);
    configure(Map.of());
  }

  private void configure(Map<String, String> overrides) {
    var result =
        new PluginSettingsService(catalog, plugins, cipher, audit, clock)
            .save(new SavePluginSettingsCommand(admin, DuoPlugin.ID, typed(overrides)));
    assertThat(result).isInstanceOf(SavePluginSettingsResult.Saved.class);
  }

  private static Map<String, String> typed(Map<String, String> overrides) {
    Map<String, String> typed = new HashMap<>();
    typed.put(DuoSettings.CLIENT_ID, CLIENT_ID);
    typed.put(DuoSettings.CLIENT_SECRET, SECRET);
    typed.put(DuoSettings.API_HOSTNAME, HOST);
    typed.put(DuoSettings.FAIL_MODE, "closed");
    typed.put(DuoSettings.USERNAME_SOURCE, "username");
    typed.put(DuoSettings.PROXY_HOST, "");
    typed.put(DuoSettings.PROXY_PORT, "");
    typed.put(DuoSettings.CERTIFICATE_PINS, "");
    typed.putAll(overrides);
    return typed;
  }

  private List<AuditEvent> tests() {
    return audit.all().stream()
        .filter(e -> e.type() == AuditEventType.DUO_CONNECTION_TESTED)
        .toList();
  }

  @Test
  void acceptsValuesDuoAccepts_andAuditsWhoTestedWhat() {
    ConnectionTestResult result = service.test(admin, typed(Map.of()));

    assertThat(result.accepted()).isTrue();
    assertThat(result.message()).isEqualTo(DuoConnectionTestService.ACCEPTED);
    assertThat(gateway.checked.getLast().clientSecret()).isEqualTo(SECRET);
    assertThat(tests())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.actor()).isEqualTo(admin);
              assertThat(event.at()).isEqualTo(clock.now());
              assertThat(event.details())
                  .containsEntry("outcome", "accepted")
                  .containsEntry("api_hostname", HOST);
            });
  }

  @Test
  void usesTheTypedValuesNotTheSavedOnes() {
    service.test(admin, typed(Map.of(DuoSettings.CLIENT_ID, "DIZZZZZZZZZZZZZZZZZZ")));

    assertThat(gateway.checked.getLast().clientId()).isEqualTo("DIZZZZZZZZZZZZZZZZZZ");
  }

  @Test
  void saysPlainlyWhenDuoRefusesTheCredentials() {
    ConnectionTestResult result =
        service.test(admin, typed(Map.of(DuoSettings.CLIENT_SECRET, WRONG_SECRET)));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(DuoConnectionTestService.REFUSED);
    assertThat(tests().getLast().details()).containsEntry("outcome", "refused_by_duo");
  }

  @ParameterizedTest
  @EnumSource(
      value = DuoFault.class,
      names = {"DOWN", "HTTP_500", "SLOW"},
      mode = EnumSource.Mode.INCLUDE)
  void everyFailureToReachDuo_getsOneMessage_withTheDetailForTheLogOnly(DuoFault fault) {
    gateway.duo.inject(fault);

    ConnectionTestResult result =
        service.test(
            admin,
            typed(
                Map.of(
                    DuoSettings.PROXY_HOST, DuoRulesPlugin.PROXY, DuoSettings.PROXY_PORT, "3128")));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(DuoConnectionTestService.FAILED);
    assertThat(result.check().acceptable()).isTrue();
    assertThat(result.logDetail()).isNotBlank().doesNotContain(SECRET);
    assertThat(tests().getLast().details())
        .containsEntry("outcome", "not_reached")
        .containsEntry("proxy", DuoRulesPlugin.PROXY + ":3128")
        .doesNotContainKey("detail");
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void isRefusedWhileThePluginIsNotActive(PluginState state) {
    plugins.transition(DuoPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);
    if (state == PluginState.AVAILABLE) {
      plugins.transition(DuoPlugin.ID, PluginState.INACTIVE, PluginState.AVAILABLE);
    }

    ConnectionTestResult result = service.test(admin, typed(Map.of()));

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
  void isRefusedForValuesThatDoNotPassTheCheck_sayingWhichField(String key) {
    ConnectionTestResult result = service.test(admin, typed(Map.of(key, "not valid/<x>")));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(DuoConnectionTestService.CORRECT);
    assertThat(result.check().problems()).containsKey(key);
    assertThat(gateway.checked).isEmpty();
  }

  @Test
  void neverContactsAHostTheServerDoesNotAllow() {
    ConnectionTestResult byApiHost =
        service.test(admin, typed(Map.of(DuoSettings.API_HOSTNAME, "intranet.example.internal")));
    ConnectionTestResult byProxy =
        service.test(
            admin,
            typed(
                Map.of(
                    DuoSettings.PROXY_HOST, "intranet.example.internal",
                    DuoSettings.PROXY_PORT, "22")));

    assertThat(byApiHost.check().problems().get(DuoSettings.API_HOSTNAME))
        .contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
    assertThat(byProxy.check().problems().get(DuoSettings.PROXY_HOST))
        .contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
    assertThat(gateway.checked).isEmpty();
    assertThat(tests())
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.details()).containsEntry("outcome", "invalid_settings"));
  }

  @Test
  void usesTheSavedSecretWhenTheFieldIsLeftEmpty() {
    ConnectionTestResult result = service.test(admin, typed(Map.of(DuoSettings.CLIENT_SECRET, "")));

    assertThat(result.accepted()).isTrue();
    assertThat(gateway.checked.getLast().clientSecret()).isEqualTo(SECRET);
  }

  @Test
  void withAnEmptySecretTestsTheSavedOneEvenWhenItIsWrong() {
    configure(Map.of(DuoSettings.CLIENT_SECRET, WRONG_SECRET));

    ConnectionTestResult result = service.test(admin, typed(Map.of(DuoSettings.CLIENT_SECRET, "")));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(DuoConnectionTestService.REFUSED);
  }

  @Test
  void isRefusedForAnEmptySecretWhenNoneIsSaved() {
    plugins.saveSettingsIfActive(DuoPlugin.ID, PluginSettings.EMPTY);

    ConnectionTestResult result = service.test(admin, typed(Map.of(DuoSettings.CLIENT_SECRET, "")));

    assertThat(result.accepted()).isFalse();
    assertThat(result.check().problems()).containsKey(DuoSettings.CLIENT_SECRET);
    assertThat(gateway.checked).isEmpty();
  }

  @Test
  void saysWhenTheSavedSecretCannotBeRead() {
    plugins.saveSettingsIfActive(
        DuoPlugin.ID,
        new PluginSettings(
            Map.of(DuoSettings.CLIENT_SECRET, new SettingValue("fake:0011223344", true))));

    ConnectionTestResult result = service.test(admin, typed(Map.of(DuoSettings.CLIENT_SECRET, "")));

    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).contains("enter it again");
    assertThat(gateway.checked).isEmpty();
  }

  @Test
  void savesNothing_andNeverWritesTheSecretIntoTheAuditLog() {
    PluginSettings before = plugins.settings(DuoPlugin.ID);

    service.test(admin, typed(Map.of(DuoSettings.CLIENT_SECRET, WRONG_SECRET)));
    gateway.duo.inject(DuoFault.DOWN);
    service.test(admin, typed(Map.of()));

    assertThat(plugins.settings(DuoPlugin.ID)).isEqualTo(before);
    assertThat(tests()).hasSize(2);
    assertThat(audit.all())
        .allSatisfy(
            e -> assertThat(e.toString()).doesNotContain(SECRET).doesNotContain(WRONG_SECRET));
  }
}
