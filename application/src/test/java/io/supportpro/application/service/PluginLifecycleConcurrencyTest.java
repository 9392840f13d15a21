package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginTransitionResult;
import io.supportpro.application.port.in.PluginTransitionResult.Changed;
import io.supportpro.application.port.in.PluginTransitionResult.Refused;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginAction;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Administrators acting on the same plugin at the same time. */
class PluginLifecycleConcurrencyTest {
  private static final PluginId PROMPT = PluginLifecycleServiceTest.PROMPT;
  private static final int THREADS = 16;

  private final Interfering plugins = new Interfering();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final PluginLifecycleService service =
      new PluginLifecycleService(
          new InMemoryPluginCatalog(
              List.of(
                  () -> PluginLifecycleServiceTest.descriptor(PROMPT, "Single sign-on prompt"))),
          plugins,
          audit,
          MutableClock.atStart());

  /**
   * A repository in which another administrator can act just before the service's next transition,
   * or in which every transition is lost to someone else.
   */
  private static final class Interfering implements PluginRepository {
    private final InMemoryPluginRepository inner = new InMemoryPluginRepository();
    private volatile Runnable beforeNextTransition = () -> {};
    private volatile boolean alwaysLose;
    private final AtomicInteger transitions = new AtomicInteger();

    void moveDirectly(PluginState from, PluginState to) {
      assertThat(inner.transition(PROMPT, from, to)).isTrue();
    }

    @Override
    public Map<PluginId, PluginState> installed() {
      return inner.installed();
    }

    @Override
    public PluginState state(PluginId plugin) {
      return inner.state(plugin);
    }

    @Override
    public boolean transition(PluginId plugin, PluginState expected, PluginState next) {
      transitions.incrementAndGet();
      Runnable other = beforeNextTransition;
      beforeNextTransition = () -> {};
      other.run();
      return !alwaysLose && inner.transition(plugin, expected, next);
    }

    @Override
    public PluginSettings settings(PluginId plugin) {
      return inner.settings(plugin);
    }

    @Override
    public boolean saveSettingsIfActive(PluginId plugin, PluginSettings settings) {
      return inner.saveSettingsIfActive(plugin, settings);
    }

    @Override
    public Optional<String> operatorValue(PluginId plugin, OperatorId operator, String key) {
      return inner.operatorValue(plugin, operator, key);
    }

    @Override
    public Map<OperatorId, String> operatorValues(
        PluginId plugin, String key, Collection<OperatorId> operators) {
      return inner.operatorValues(plugin, key, operators);
    }

    @Override
    public boolean setOperatorValueIfActive(
        PluginId plugin, OperatorId operator, String key, Optional<String> value) {
      return inner.setOperatorValueIfActive(plugin, operator, key, value);
    }

    @Override
    public KeysetPage<Operator> operators(
        PluginId plugin, Marker marker, PluginOperatorFilter filter, KeysetRequest page) {
      return inner.operators(plugin, marker, filter, page);
    }

    @Override
    public long count(PluginId plugin, Marker marker, PluginOperatorFilter filter, long limit) {
      return inner.count(plugin, marker, filter, limit);
    }

    @Override
    public OptionalLong markIfActive(
        PluginId plugin, Marker marker, PluginOperatorFilter filter, boolean marked) {
      return inner.markIfActive(plugin, marker, filter, marked);
    }
  }

  private PluginTransitionResult take(PluginAction action) {
    var command = new PluginCommand(actingAs(administrator("admin")), PROMPT);
    return switch (action) {
      case INSTALL -> service.install(command);
      case ACTIVATE -> service.activate(command);
      case DEACTIVATE -> service.deactivate(command);
      case UNINSTALL -> service.uninstall(command);
    };
  }

  /** Half the threads uninstall and half activate, all released at once. */
  private List<PluginTransitionResult> uninstallRacingActivate() throws Exception {
    List<PluginAction> actions = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      actions.add(i % 2 == 0 ? PluginAction.UNINSTALL : PluginAction.ACTIVATE);
    }
    Collections.shuffle(actions);
    var start = new CountDownLatch(1);
    List<Future<PluginTransitionResult>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      for (PluginAction action : actions) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return take(action);
                }));
      }
      start.countDown();
      List<PluginTransitionResult> results = new ArrayList<>();
      for (Future<PluginTransitionResult> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }

  private static List<Changed> changed(List<PluginTransitionResult> results, PluginAction action) {
    return results.stream()
        .filter(Changed.class::isInstance)
        .map(Changed.class::cast)
        .filter(c -> c.action() == action)
        .toList();
  }

  private long audited(AuditEventType type) {
    return audit.all().stream().filter(e -> e.type() == type).count();
  }

  @RepeatedTest(20)
  void uninstallRacingActivateOnAnActivePlugin_uninstallsOnceAndRefusesTheRest() throws Exception {
    plugins.moveDirectly(PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.moveDirectly(PluginState.INACTIVE, PluginState.ACTIVE);

    List<PluginTransitionResult> results = uninstallRacingActivate();

    assertThat(plugins.state(PROMPT)).isEqualTo(PluginState.AVAILABLE);
    assertThat(changed(results, PluginAction.UNINSTALL))
        .containsExactly(
            new Changed(PROMPT, PluginAction.UNINSTALL, PluginState.ACTIVE, PluginState.AVAILABLE));
    assertThat(results).filteredOn(Refused.class::isInstance).hasSize(THREADS - 1);
    assertThat(audit.all()).hasSize(THREADS);
    assertThat(audited(AuditEventType.PLUGIN_UNINSTALLED)).isEqualTo(1);
    assertThat(audited(AuditEventType.PLUGIN_ACTION_REFUSED)).isEqualTo(THREADS - 1);
  }

  @RepeatedTest(20)
  void uninstallRacingActivateOnAnInactivePlugin_endsUninstalledAndAuditsWhatHappened()
      throws Exception {
    plugins.moveDirectly(PluginState.AVAILABLE, PluginState.INACTIVE);

    List<PluginTransitionResult> results = uninstallRacingActivate();

    assertThat(plugins.state(PROMPT)).isEqualTo(PluginState.AVAILABLE);
    List<Changed> uninstalls = changed(results, PluginAction.UNINSTALL);
    List<Changed> activations = changed(results, PluginAction.ACTIVATE);
    assertThat(uninstalls).hasSize(1);
    assertThat(activations).hasSizeLessThanOrEqualTo(1);
    // The uninstall started from wherever the one activation, if any, had left the plugin.
    assertThat(uninstalls.getFirst().from())
        .isEqualTo(activations.isEmpty() ? PluginState.INACTIVE : PluginState.ACTIVE);
    assertThat(results)
        .filteredOn(Refused.class::isInstance)
        .hasSize(THREADS - 1 - activations.size());
    assertThat(audit.all()).hasSize(THREADS);
    assertThat(audited(AuditEventType.PLUGIN_UNINSTALLED)).isEqualTo(1);
    assertThat(audited(AuditEventType.PLUGIN_ACTIVATED)).isEqualTo(activations.size());
    assertThat(audited(AuditEventType.PLUGIN_ACTION_REFUSED))
        .isEqualTo(THREADS - 1 - activations.size());
  }

  @Test
  void uninstall_whenAnotherAdministratorDeactivatesFirst_decidesAgainFromTheNewState() {
    plugins.moveDirectly(PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.moveDirectly(PluginState.INACTIVE, PluginState.ACTIVE);
    plugins.beforeNextTransition =
        () -> plugins.moveDirectly(PluginState.ACTIVE, PluginState.INACTIVE);

    PluginTransitionResult result = take(PluginAction.UNINSTALL);

    assertThat(result)
        .isEqualTo(
            new Changed(
                PROMPT, PluginAction.UNINSTALL, PluginState.INACTIVE, PluginState.AVAILABLE));
    assertThat(audit.all().getLast().details())
        .isEqualTo(Map.of("from", "INACTIVE", "to", "AVAILABLE"));
  }

  @Test
  void activate_whenAnotherAdministratorActivatesFirst_isRefusedAsAlreadyActive() {
    plugins.moveDirectly(PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.beforeNextTransition =
        () -> plugins.moveDirectly(PluginState.INACTIVE, PluginState.ACTIVE);

    PluginTransitionResult result = take(PluginAction.ACTIVATE);

    assertThat(result)
        .isEqualTo(
            new Refused(
                PROMPT,
                PluginAction.ACTIVATE,
                PluginState.ACTIVE,
                "The plugin is already active."));
  }

  @Test
  void activate_whenAnotherAdministratorUninstallsFirst_isRefusedAndLeavesItUninstalled() {
    plugins.moveDirectly(PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.beforeNextTransition =
        () -> plugins.moveDirectly(PluginState.INACTIVE, PluginState.AVAILABLE);

    PluginTransitionResult result = take(PluginAction.ACTIVATE);

    assertThat(result)
        .isEqualTo(
            new Refused(
                PROMPT,
                PluginAction.ACTIVATE,
                PluginState.AVAILABLE,
                "Install the plugin before activating it."));
    assertThat(plugins.state(PROMPT)).isEqualTo(PluginState.AVAILABLE);
    assertThat(audit.all().getLast().type()).isEqualTo(AuditEventType.PLUGIN_ACTION_REFUSED);
  }

  @Test
  void anActionThatKeepsLosingTheRaceIsRefusedAfterAFewAttempts() {
    plugins.alwaysLose = true;

    PluginTransitionResult result = take(PluginAction.INSTALL);

    assertThat(result)
        .isEqualTo(
            new Refused(
                PROMPT,
                PluginAction.INSTALL,
                PluginState.AVAILABLE,
                "Another administrator is changing this plugin; try again."));
    assertThat(plugins.transitions.get()).isGreaterThan(1);
    AuditEvent refusal = audit.all().getLast();
    assertThat(refusal.type()).isEqualTo(AuditEventType.PLUGIN_ACTION_REFUSED);
    assertThat(refusal.details())
        .containsEntry("reason", "Another administrator is changing this plugin; try again.");
  }
}
