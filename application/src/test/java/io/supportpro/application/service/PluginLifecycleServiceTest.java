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
  static final PluginId DUO = new PluginId("duo-security");
  static final PluginId ZETA = new PluginId("zeta");
  private static final PluginSettings SETTINGS =
      new PluginSettings(
          Map.of(
              "client_id", new SettingValue("DIXXXXXXXXXXXXXXXXXX", false),
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
    Plugin duo =
        new Plugin() {
          @Override
          public PluginDescriptor descriptor() {
            return PluginLifecycleServiceTest.descriptor(DUO, "Duo Security");
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
            new InMemoryPluginCatalog(List.of(zeta, duo)), plugins, audit, clock);
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

  /** Brings the Duo plugin into the state directly, without auditing. */
  private void given(PluginState state) {
    if (state.isInstalled()) {
      plugins.transition(DUO, PluginState.AVAILABLE, PluginState.INACTIVE);
    }
    if (state == PluginState.ACTIVE) {
      plugins.transition(DUO, PluginState.INACTIVE, PluginState.ACTIVE);
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
            new PluginOverview(descriptor(DUO, "Duo Security"), PluginState.ACTIVE, true),
            new PluginOverview(descriptor(ZETA, "Zeta"), PluginState.AVAILABLE, false));
  }

  @Test
  void list_offersExactlyTheActionsEachStateAllows() {
    given(PluginState.INACTIVE);

    PluginOverview duo = service.list().getFirst();
    PluginOverview zeta = service.list().getLast();

    assertThat(duo.legalActions()).containsExactly(PluginAction.ACTIVATE, PluginAction.UNINSTALL);
    assertThat(duo.hasSettingsPage()).isFalse();
    assertThat(zeta.legalActions()).containsExactly(PluginAction.INSTALL);
  }

  @Test
  void list_leavesOutInstalledPluginsThatNoLongerShip() {
    plugins.transition(new PluginId("retired"), PluginState.AVAILABLE, PluginState.INACTIVE);

    assertThat(service.list())
        .extracting(overview -> overview.descriptor().id())
        .containsExactly(DUO, ZETA);
  }

  @Test
  void list_andFind_sayWhetherTheSavedSettingsPassThePluginsChecks() {
    var duo = new DuoRulesPlugin();
    var lifecycle =
        new PluginLifecycleService(new InMemoryPluginCatalog(List.of(duo)), plugins, audit, clock);
    given(PluginState.ACTIVE);

    PluginOverview bare = lifecycle.find(DUO).orElseThrow();
    plugins.saveSettingsIfActive(DUO, DuoRulesPlugin.SAVED);
    PluginOverview configured = lifecycle.list().getFirst();

    assertThat(bare.configured()).isFalse();
    assertThat(bare.activeButNotConfigured()).isTrue();
    assertThat(configured.configured()).isTrue();
    assertThat(configured.activeButNotConfigured()).isFalse();
  }

  @Test
  void find_returnsThePluginWithItsState() {
    given(PluginState.ACTIVE);

    assertThat(service.find(DUO))
        .contains(new PluginOverview(descriptor(DUO, "Duo Security"), PluginState.ACTIVE, true));
    assertThat(service.find(DUO).orElseThrow().hasSettingsPage()).isTrue();
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

    PluginTransitionResult result = take(action, DUO);

    assertThat(result).isEqualTo(new Changed(DUO, action, from, to));
    assertThat(plugins.state(DUO)).isEqualTo(to);
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                type,
                admin,
                "duo-security",
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

    PluginTransitionResult result = take(action, DUO);

    assertThat(result).isEqualTo(new Refused(DUO, action, state, reason));
    assertThat(plugins.state(DUO)).isEqualTo(state);
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.PLUGIN_ACTION_REFUSED,
                admin,
                "duo-security",
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

    PluginTransitionResult result = service.activate(command(DUO));

    assertThat(result)
        .isEqualTo(
            new Refused(
                DUO,
                PluginAction.ACTIVATE,
                PluginState.INACTIVE,
                "Enter the Client ID before activating."));
    assertThat(plugins.state(DUO)).isEqualTo(PluginState.INACTIVE);
    assertThat(lastEvent().type()).isEqualTo(AuditEventType.PLUGIN_ACTION_REFUSED);
    assertThat(lastEvent().details())
        .containsEntry("reason", "Enter the Client ID before activating.")
        .containsEntry("state", "INACTIVE");
  }

  @Test
  void activate_givesTheHookTheSavedSettings() {
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(DUO, SETTINGS);
    service.deactivate(command(DUO));

    service.activate(command(DUO));

    assertThat(hookCalls).containsExactly(SETTINGS);
    assertThat(plugins.state(DUO)).isEqualTo(PluginState.ACTIVE);
  }

  @Test
  void activate_doesNotAskTheHookWhenTheStateAlreadyRefuses() {
    veto.set(Optional.of("Never."));

    PluginTransitionResult result = service.activate(command(DUO));

    assertThat(result)
        .isEqualTo(
            new Refused(
                DUO,
                PluginAction.ACTIVATE,
                PluginState.AVAILABLE,
                "Install the plugin before activating it."));
    assertThat(hookCalls).isEmpty();
  }

  @Test
  void theHookIsOnlyAskedOnActivation() {
    veto.set(Optional.of("Never."));

    assertThat(service.install(command(DUO))).isInstanceOf(Changed.class);
    plugins.transition(DUO, PluginState.INACTIVE, PluginState.ACTIVE);
    assertThat(service.deactivate(command(DUO))).isInstanceOf(Changed.class);
    assertThat(service.uninstall(command(DUO))).isInstanceOf(Changed.class);

    assertThat(hookCalls).isEmpty();
  }

  @Test
  void uninstall_deletesSettingsAndOperatorChoices() {
    Operator alice = operator("alice");
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(DUO, SETTINGS);
    plugins.setOperatorValueIfActive(DUO, alice.id(), "enabled", Optional.of("true"));

    service.uninstall(command(DUO));

    assertThat(plugins.state(DUO)).isEqualTo(PluginState.AVAILABLE);
    assertThat(plugins.installed()).doesNotContainKey(DUO);
    assertThat(plugins.settings(DUO)).isEqualTo(PluginSettings.EMPTY);
    assertThat(plugins.operatorValue(DUO, alice.id(), "enabled")).isEmpty();
  }

  @Test
  void install_afterUninstallStartsWithAnEmptyConfiguration() {
    Operator alice = operator("alice");
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(DUO, SETTINGS);
    plugins.setOperatorValueIfActive(DUO, alice.id(), "enabled", Optional.of("true"));
    service.uninstall(command(DUO));

    service.install(command(DUO));
    service.activate(command(DUO));

    assertThat(hookCalls).containsExactly(PluginSettings.EMPTY);
    assertThat(plugins.settings(DUO)).isEqualTo(PluginSettings.EMPTY);
    assertThat(plugins.operatorValue(DUO, alice.id(), "enabled")).isEmpty();
  }

  @Test
  void deactivate_keepsSettingsAndOperatorChoices() {
    Operator alice = operator("alice");
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(DUO, SETTINGS);
    plugins.setOperatorValueIfActive(DUO, alice.id(), "enabled", Optional.of("true"));

    service.deactivate(command(DUO));

    assertThat(plugins.state(DUO)).isEqualTo(PluginState.INACTIVE);
    assertThat(plugins.settings(DUO)).isEqualTo(SETTINGS);
    assertThat(plugins.operatorValue(DUO, alice.id(), "enabled")).contains("true");
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
      assertThat(take(action, DUO)).isInstanceOf(Changed.class);
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

    assertThat(plugins.state(DUO)).isEqualTo(PluginState.AVAILABLE);
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
