package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;

import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginOverview;
import io.supportpro.application.port.in.PluginTransitionResult;
import io.supportpro.application.port.in.PluginTransitionResult.Changed;
import io.supportpro.application.port.in.PluginTransitionResult.Refused;
import io.supportpro.application.port.in.PluginTransitionResult.UnknownPlugin;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.testing.FakeCodePlugin;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginAction;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginLifecycleServiceTest {
  static final PluginId PROMPT = new PluginId("sso-prompt");
  static final PluginId ZETA = new PluginId("zeta");
  private static final PluginSettings SETTINGS =
      new PluginSettings(
          Map.of(
              "client_id", new SettingValue("CLIENTXXXXXXXXXXXXXX", false),
              "client_secret", new SettingValue("encrypted", true)));

  private final Operator root = administrator("root");
  private final Actor admin = actingAs(root);
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final AtomicReference<Optional<String>> veto = new AtomicReference<>(Optional.empty());
  private final List<PluginSettings> hookCalls = new ArrayList<>();
  private PluginLifecycleService service;

  static PluginDescriptor descriptor(PluginId id, String name) {
    return new PluginDescriptor(id, name, "What " + name + " does.", "1.2.3", "Acme", List.of());
  }

  @BeforeEach
  void setUp() {
    Plugin prompt =
        new Plugin() {
          @Override
          public PluginDescriptor descriptor() {
            return PluginLifecycleServiceTest.descriptor(PROMPT, "Single sign-on prompt");
          }

          @Override
          public Optional<String> activationProblem(PluginSettings saved) {
            hookCalls.add(saved);
            return veto.get();
          }
        };
    Plugin zeta = () -> descriptor(ZETA, "Zeta");
    service =
        new PluginLifecycleService(
            new InMemoryPluginCatalog(List.of(zeta, prompt)), plugins, audit, clock);
  }

  private PluginCommand command(PluginId plugin) {
    return new PluginCommand(admin, plugin);
  }

  private PluginTransitionResult take(PluginAction action, PluginId plugin) {
    return switch (action) {
      case INSTALL -> service.install(command(plugin));
      case ACTIVATE -> service.activate(command(plugin));
      case DEACTIVATE -> service.deactivate(command(plugin));
      case UNINSTALL -> service.uninstall(command(plugin));
    };
  }

  /** Brings the prompt plugin into the state directly, without auditing. */
  private void given(PluginState state) {
    if (state.isInstalled()) {
      plugins.transition(PROMPT, PluginState.AVAILABLE, PluginState.INACTIVE);
    }
    if (state == PluginState.ACTIVE) {
      plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.ACTIVE);
    }
  }

  private AuditEvent lastEvent() {
    return audit.all().getLast();
  }

  @Test
  void list_showsEveryCatalogPluginOrderedByNameWithItsState() {
    given(PluginState.ACTIVE);

    List<PluginOverview> listed = service.list();

    assertThat(listed)
        .containsExactly(
            new PluginOverview(
                descriptor(PROMPT, "Single sign-on prompt"),
                PluginState.ACTIVE,
                true,
                false,
                false),
            new PluginOverview(
                descriptor(ZETA, "Zeta"), PluginState.AVAILABLE, false, false, false));
  }

  @Test
  void list_offersExactlyTheActionsEachStateAllows() {
    given(PluginState.INACTIVE);

    PluginOverview prompt = service.list().getFirst();
    PluginOverview zeta = service.list().getLast();

    assertThat(prompt.legalActions())
        .containsExactly(PluginAction.ACTIVATE, PluginAction.UNINSTALL);
    assertThat(prompt.hasSettingsPage()).isFalse();
    assertThat(zeta.legalActions()).containsExactly(PluginAction.INSTALL);
  }

  @Test
  void list_leavesOutInstalledPluginsThatNoLongerShip() {
    plugins.transition(new PluginId("retired"), PluginState.AVAILABLE, PluginState.INACTIVE);

    assertThat(service.list())
        .extracting(overview -> overview.descriptor().id())
        .containsExactly(PROMPT, ZETA);
  }

  @Test
  void list_andFind_sayWhetherTheSavedSettingsPassThePluginsChecks() {
    var lifecycle =
        new PluginLifecycleService(
            new InMemoryPluginCatalog(List.of(new FakePromptPlugin())), plugins, audit, clock);
    plugins.transition(FakePromptPlugin.ID, PluginState.AVAILABLE, PluginState.ACTIVE);

    PluginOverview bare = lifecycle.find(FakePromptPlugin.ID).orElseThrow();
    plugins.saveSettingsIfActive(
        FakePromptPlugin.ID, FakePromptPlugin.saved(new FakeSecretCipher()));
    PluginOverview configured = lifecycle.list().getFirst();

    assertThat(bare.configured()).isFalse();
    assertThat(bare.activeButNotConfigured()).isTrue();
    assertThat(configured.configured()).isTrue();
    assertThat(configured.activeButNotConfigured()).isFalse();
  }

  @Test
  void list_saysWhichPluginsAreEnabledPerOperatorAndWhichCanTestAConnection() {
    var lifecycle =
        new PluginLifecycleService(
            new InMemoryPluginCatalog(
                List.of(
                    new FakePromptPlugin(), new FakeCodePlugin(), () -> descriptor(ZETA, "Zeta"))),
            plugins,
            audit,
            clock);
    plugins.transition(FakePromptPlugin.ID, PluginState.AVAILABLE, PluginState.ACTIVE);
    plugins.transition(FakeCodePlugin.ID, PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.transition(ZETA, PluginState.AVAILABLE, PluginState.ACTIVE);

    assertThat(lifecycle.list())
        .extracting(
            overview -> overview.descriptor().id(),
            PluginOverview::perOperator,
            PluginOverview::connectionTest,
            PluginOverview::hasOperatorsPage)
        .containsExactly(
            tuple(FakeCodePlugin.ID, true, false, false),
            tuple(FakePromptPlugin.ID, true, true, true),
            tuple(ZETA, false, false, false));
  }

  @Test
  void find_returnsThePluginWithItsState() {
    given(PluginState.ACTIVE);

    assertThat(service.find(PROMPT))
        .contains(
            new PluginOverview(
                descriptor(PROMPT, "Single sign-on prompt"),
                PluginState.ACTIVE,
                true,
                false,
                false));
    assertThat(service.find(PROMPT).orElseThrow().hasSettingsPage()).isTrue();
    assertThat(service.find(ZETA).orElseThrow().state()).isEqualTo(PluginState.AVAILABLE);
  }

  @Test
  void find_isEmptyForAPluginThatDoesNotShip() {
    assertThat(service.find(new PluginId("unknown"))).isEmpty();
  }

  @ParameterizedTest(name = "{1} from {0}")
  @CsvSource({
    "AVAILABLE, INSTALL,    INACTIVE,  PLUGIN_INSTALLED",
    "INACTIVE,  ACTIVATE,   ACTIVE,    PLUGIN_ACTIVATED",
    "ACTIVE,    DEACTIVATE, INACTIVE,  PLUGIN_DEACTIVATED",
    "INACTIVE,  UNINSTALL,  AVAILABLE, PLUGIN_UNINSTALLED",
    "ACTIVE,    UNINSTALL,  AVAILABLE, PLUGIN_UNINSTALLED"
  })
  void aLegalActionChangesTheStateAndIsAuditedWithFromAndTo(
      PluginState from, PluginAction action, PluginState to, AuditEventType type) {
    given(from);

    PluginTransitionResult result = take(action, PROMPT);

    assertThat(result).isEqualTo(new Changed(PROMPT, action, from, to));
    assertThat(plugins.state(PROMPT)).isEqualTo(to);
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                type,
                admin,
                "sso-prompt",
                Map.of("from", from.name(), "to", to.name())));
  }

  @ParameterizedTest(name = "{1} from {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "AVAILABLE | ACTIVATE   | Install the plugin before activating it.",
        "AVAILABLE | DEACTIVATE | The plugin is not active.",
        "AVAILABLE | UNINSTALL  | The plugin is not installed.",
        "INACTIVE  | INSTALL    | The plugin is already installed.",
        "INACTIVE  | DEACTIVATE | The plugin is not active.",
        "ACTIVE    | INSTALL    | The plugin is already installed.",
        "ACTIVE    | ACTIVATE   | The plugin is already active."
      })
  void anIllegalActionIsRefusedChangesNothingAndIsAuditedWithItsReason(
      PluginState state, PluginAction action, String reason) {
    given(state);

    PluginTransitionResult result = take(action, PROMPT);

    assertThat(result).isEqualTo(new Refused(PROMPT, action, state, reason));
    assertThat(plugins.state(PROMPT)).isEqualTo(state);
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.PLUGIN_ACTION_REFUSED,
                admin,
                "sso-prompt",
                Map.of("action", action.name(), "state", state.name(), "reason", reason)));
  }

  @Test
  void anActionOnAPluginThatDoesNotShipIsUnknownAndAudited() {
    PluginId unknown = new PluginId("not-shipped");

    for (PluginAction action : PluginAction.values()) {
      assertThat(take(action, unknown)).isEqualTo(new UnknownPlugin(unknown, action));
    }

    assertThat(plugins.installed()).isEmpty();
    assertThat(audit.all())
        .extracting(AuditEvent::type, AuditEvent::subject, e -> e.details().get("reason"))
        .containsOnly(tuple(AuditEventType.PLUGIN_ACTION_REFUSED, "not-shipped", "No such plugin."))
        .hasSize(4);
    assertThat(audit.all())
        .extracting(e -> e.details().get("action"))
        .containsExactly("INSTALL", "ACTIVATE", "DEACTIVATE", "UNINSTALL");
  }

  @Test
  void activate_isRefusedWhenTheActivationHookObjectsAndChangesNothing() {
    given(PluginState.INACTIVE);
    veto.set(Optional.of("Enter the Client ID before activating."));

    PluginTransitionResult result = service.activate(command(PROMPT));

    assertThat(result)
        .isEqualTo(
            new Refused(
                PROMPT,
                PluginAction.ACTIVATE,
                PluginState.INACTIVE,
                "Enter the Client ID before activating."));
    assertThat(plugins.state(PROMPT)).isEqualTo(PluginState.INACTIVE);
    assertThat(lastEvent().type()).isEqualTo(AuditEventType.PLUGIN_ACTION_REFUSED);
    assertThat(lastEvent().details())
        .containsEntry("reason", "Enter the Client ID before activating.")
        .containsEntry("state", "INACTIVE");
  }

  @Test
  void activate_givesTheHookTheSavedSettings() {
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(PROMPT, SETTINGS);
    service.deactivate(command(PROMPT));

    service.activate(command(PROMPT));

    assertThat(hookCalls).containsExactly(SETTINGS);
    assertThat(plugins.state(PROMPT)).isEqualTo(PluginState.ACTIVE);
  }

  @Test
  void activate_doesNotAskTheHookWhenTheStateAlreadyRefuses() {
    veto.set(Optional.of("Never."));

    PluginTransitionResult result = service.activate(command(PROMPT));

    assertThat(result)
        .isEqualTo(
            new Refused(
                PROMPT,
                PluginAction.ACTIVATE,
                PluginState.AVAILABLE,
                "Install the plugin before activating it."));
    assertThat(hookCalls).isEmpty();
  }

  @Test
  void theHookIsOnlyAskedOnActivation() {
    veto.set(Optional.of("Never."));

    assertThat(service.install(command(PROMPT))).isInstanceOf(Changed.class);
    plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.ACTIVE);
    assertThat(service.deactivate(command(PROMPT))).isInstanceOf(Changed.class);
    assertThat(service.uninstall(command(PROMPT))).isInstanceOf(Changed.class);

    assertThat(hookCalls).isEmpty();
  }

  @Test
  void uninstall_deletesSettingsAndOperatorChoices() {
    Operator alice = operator("alice");
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(PROMPT, SETTINGS);
    plugins.setOperatorValueIfActive(PROMPT, alice.id(), "enabled", Optional.of("true"));

    service.uninstall(command(PROMPT));

    assertThat(plugins.state(PROMPT)).isEqualTo(PluginState.AVAILABLE);
    assertThat(plugins.installed()).doesNotContainKey(PROMPT);
    assertThat(plugins.settings(PROMPT)).isEqualTo(PluginSettings.EMPTY);
    assertThat(plugins.operatorValue(PROMPT, alice.id(), "enabled")).isEmpty();
  }

  @Test
  void install_afterUninstallStartsWithAnEmptyConfiguration() {
    Operator alice = operator("alice");
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(PROMPT, SETTINGS);
    plugins.setOperatorValueIfActive(PROMPT, alice.id(), "enabled", Optional.of("true"));
    service.uninstall(command(PROMPT));

    service.install(command(PROMPT));
    service.activate(command(PROMPT));

    assertThat(hookCalls).containsExactly(PluginSettings.EMPTY);
    assertThat(plugins.settings(PROMPT)).isEqualTo(PluginSettings.EMPTY);
    assertThat(plugins.operatorValue(PROMPT, alice.id(), "enabled")).isEmpty();
  }

  @Test
  void deactivate_keepsSettingsAndOperatorChoices() {
    Operator alice = operator("alice");
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(PROMPT, SETTINGS);
    plugins.setOperatorValueIfActive(PROMPT, alice.id(), "enabled", Optional.of("true"));

    service.deactivate(command(PROMPT));

    assertThat(plugins.state(PROMPT)).isEqualTo(PluginState.INACTIVE);
    assertThat(plugins.settings(PROMPT)).isEqualTo(SETTINGS);
    assertThat(plugins.operatorValue(PROMPT, alice.id(), "enabled")).contains("true");
  }

  @Test
  void aFullLifecycleIsAuditedInOrderWithWhoAndWhen() {
    var times = new ArrayList<Instant>();
    for (PluginAction action :
        List.of(
            PluginAction.INSTALL,
            PluginAction.ACTIVATE,
            PluginAction.DEACTIVATE,
            PluginAction.ACTIVATE,
            PluginAction.UNINSTALL)) {
      clock.advance(Duration.ofMinutes(1));
      times.add(clock.now());
      assertThat(take(action, PROMPT)).isInstanceOf(Changed.class);
    }

    assertThat(audit.all())
        .extracting(AuditEvent::type)
        .containsExactly(
            AuditEventType.PLUGIN_INSTALLED,
            AuditEventType.PLUGIN_ACTIVATED,
            AuditEventType.PLUGIN_DEACTIVATED,
            AuditEventType.PLUGIN_ACTIVATED,
            AuditEventType.PLUGIN_UNINSTALLED);
    assertThat(audit.all()).extracting(AuditEvent::at).containsExactlyElementsOf(times);
    assertThat(audit.all()).extracting(AuditEvent::actor).containsOnly(admin);
    assertThat(admin.clientAddress()).isEqualTo("192.0.2.10");
  }

  @Test
  void actionsOnOnePluginLeaveTheOtherAlone() {
    service.install(command(ZETA));
    service.activate(command(ZETA));

    assertThat(plugins.state(PROMPT)).isEqualTo(PluginState.AVAILABLE);
    assertThat(plugins.state(ZETA)).isEqualTo(PluginState.ACTIVE);
  }

  @Test
  void new_refusesMissingPorts() {
    var catalog = new InMemoryPluginCatalog(List.of());
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginLifecycleService(null, plugins, audit, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginLifecycleService(catalog, null, audit, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginLifecycleService(catalog, plugins, null, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginLifecycleService(catalog, plugins, audit, null));
  }
}
