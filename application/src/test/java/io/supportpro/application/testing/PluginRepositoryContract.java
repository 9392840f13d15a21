package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.PluginRepository.Marker;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginOperatorFilter.Status;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PluginRepository} must do. */
public abstract class PluginRepositoryContract {
  private static final PluginId PLUGIN = new PluginId("sso-prompt");
  private static final PluginId OTHER = new PluginId("other-plugin");
  private static final PluginSettings SETTINGS =
      new PluginSettings(
          Map.of(
              "client_id", new SettingValue("CLIENTXXXXXXXXXXXXXX", false),
              "client_secret", new SettingValue("encrypted-text", true)));

  private PluginRepository plugins;
  private OperatorRepository operators;
  private Operator alice;

  /** Empty repositories over the same storage, so that per-operator data can refer to operators. */
  protected abstract Repositories emptyRepositories();

  /** A plugin repository and the operator repository it shares its storage with. */
  public record Repositories(PluginRepository plugins, OperatorRepository operators) {}

  @BeforeEach
  void setUp() {
    Repositories repositories = emptyRepositories();
    plugins = repositories.plugins();
    operators = repositories.operators();
    alice = operator("alice");
    operators.add(alice, new PasswordHash("$test$hash"));
  }

  private void activate(PluginId plugin) {
    assertThat(plugins.transition(plugin, PluginState.AVAILABLE, PluginState.INACTIVE)).isTrue();
    assertThat(plugins.transition(plugin, PluginState.INACTIVE, PluginState.ACTIVE)).isTrue();
  }

  @Test
  void aPluginNeverInstalledIsAvailable() {
    assertThat(plugins.state(PLUGIN)).isEqualTo(PluginState.AVAILABLE);
    assertThat(plugins.installed()).isEmpty();
    assertThat(plugins.settings(PLUGIN)).isEqualTo(PluginSettings.EMPTY);
  }

  @Test
  void transition_movesOnlyFromTheExpectedState() {
    assertThat(plugins.transition(PLUGIN, PluginState.INACTIVE, PluginState.ACTIVE)).isFalse();
    assertThat(plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.INACTIVE)).isTrue();
    assertThat(plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.INACTIVE)).isFalse();
    assertThat(plugins.transition(PLUGIN, PluginState.INACTIVE, PluginState.ACTIVE)).isTrue();

    assertThat(plugins.state(PLUGIN)).isEqualTo(PluginState.ACTIVE);
    assertThat(plugins.installed()).isEqualTo(Map.of(PLUGIN, PluginState.ACTIVE));
  }

  @Test
  void settings_areSavedOnlyWhileActiveAndKeepTheSecretMark() {
    plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.INACTIVE);
    assertThat(plugins.saveSettingsIfActive(PLUGIN, SETTINGS)).isFalse();
    assertThat(plugins.settings(PLUGIN)).isEqualTo(PluginSettings.EMPTY);

    plugins.transition(PLUGIN, PluginState.INACTIVE, PluginState.ACTIVE);
    assertThat(plugins.saveSettingsIfActive(PLUGIN, SETTINGS)).isTrue();

    assertThat(plugins.settings(PLUGIN)).isEqualTo(SETTINGS);
    assertThat(plugins.settings(PLUGIN).get("client_secret").orElseThrow().secret()).isTrue();
  }

  @Test
  void saveSettings_replacesTheWholeSet() {
    activate(PLUGIN);
    plugins.saveSettingsIfActive(PLUGIN, SETTINGS);
    var replacement = new PluginSettings(Map.of("fail_mode", new SettingValue("open", false)));

    plugins.saveSettingsIfActive(PLUGIN, replacement);

    assertThat(plugins.settings(PLUGIN)).isEqualTo(replacement);
  }

  @Test
  void operatorValues_areSetAndRemovedOnlyWhileActive() {
    plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.INACTIVE);
    assertThat(plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true")))
        .isFalse();

    plugins.transition(PLUGIN, PluginState.INACTIVE, PluginState.ACTIVE);
    assertThat(plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true")))
        .isTrue();
    assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).contains("true");

    plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("false"));
    assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).contains("false");

    plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.empty());
    assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).isEmpty();
  }

  @Test
  void operatorValues_readsOneKeyForManyOperatorsAtOnce() {
    activate(PLUGIN);
    activate(OTHER);
    Operator bob = operator("bob");
    operators.add(bob, new PasswordHash("$test$hash"));
    Operator carol = operator("carol");
    operators.add(carol, new PasswordHash("$test$hash"));
    plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true"));
    plugins.setOperatorValueIfActive(PLUGIN, bob.id(), "other", Optional.of("x"));
    plugins.setOperatorValueIfActive(OTHER, carol.id(), "enabled", Optional.of("true"));

    assertThat(plugins.operatorValues(PLUGIN, "enabled", List.of(alice.id(), bob.id(), carol.id())))
        .isEqualTo(Map.of(alice.id(), "true"));
    assertThat(plugins.operatorValues(PLUGIN, "enabled", List.of())).isEmpty();
  }

  @Test
  void deactivate_keepsSettingsAndOperatorChoices() {
    activate(PLUGIN);
    plugins.saveSettingsIfActive(PLUGIN, SETTINGS);
    plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true"));

    assertThat(plugins.transition(PLUGIN, PluginState.ACTIVE, PluginState.INACTIVE)).isTrue();

    assertThat(plugins.settings(PLUGIN)).isEqualTo(SETTINGS);
    assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).contains("true");
  }

  @Test
  void uninstall_deletesSettingsAndOperatorChoicesOfThatPluginOnly() {
    activate(PLUGIN);
    activate(OTHER);
    plugins.saveSettingsIfActive(PLUGIN, SETTINGS);
    plugins.saveSettingsIfActive(OTHER, SETTINGS);
    plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true"));
    plugins.setOperatorValueIfActive(OTHER, alice.id(), "enabled", Optional.of("true"));

    assertThat(plugins.transition(PLUGIN, PluginState.ACTIVE, PluginState.AVAILABLE)).isTrue();

    assertThat(plugins.state(PLUGIN)).isEqualTo(PluginState.AVAILABLE);
    assertThat(plugins.settings(PLUGIN)).isEqualTo(PluginSettings.EMPTY);
    assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).isEmpty();
    assertThat(plugins.settings(OTHER)).isEqualTo(SETTINGS);
    assertThat(plugins.operatorValue(OTHER, alice.id(), "enabled")).contains("true");

    activate(PLUGIN);
    assertThat(plugins.settings(PLUGIN)).isEqualTo(PluginSettings.EMPTY);
    assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).isEmpty();
  }

  @Test
  void concurrentUninstalls_exactlyOneWins() throws Exception {
    activate(PLUGIN);
    plugins.saveSettingsIfActive(PLUGIN, SETTINGS);

    List<List<Boolean>> outcomes =
        race(8, () -> plugins.transition(PLUGIN, PluginState.ACTIVE, PluginState.AVAILABLE));

    assertThat(outcomes.getFirst()).containsOnlyOnce(true);
    assertThat(plugins.state(PLUGIN)).isEqualTo(PluginState.AVAILABLE);
    assertThat(plugins.settings(PLUGIN)).isEqualTo(PluginSettings.EMPTY);
  }

  @Test
  void settingsSavedWhileUninstalling_neverOutliveTheUninstall() throws Exception {
    for (int round = 0; round < 10; round++) {
      activate(PLUGIN);
      List<List<Boolean>> outcomes =
          race(
              4,
              () -> plugins.transition(PLUGIN, PluginState.ACTIVE, PluginState.AVAILABLE),
              () -> plugins.saveSettingsIfActive(PLUGIN, SETTINGS),
              () ->
                  plugins.setOperatorValueIfActive(
                      PLUGIN, alice.id(), "enabled", Optional.of("true")));

      assertThat(outcomes.getFirst()).containsOnlyOnce(true);
      assertThat(plugins.state(PLUGIN)).isEqualTo(PluginState.AVAILABLE);
      assertThat(plugins.settings(PLUGIN)).isEqualTo(PluginSettings.EMPTY);
      assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).isEmpty();
    }
  }

  private static final Marker ENABLED = new Marker("enabled", "true");

  private static PluginOperatorFilter filter(
      String text, Status status, Optional<Role> role, Optional<Boolean> active) {
    return new PluginOperatorFilter(text, status, role, active, Optional.empty());
  }

  private List<String> usernames(PluginOperatorFilter filter) {
    KeysetPage<Operator> page = plugins.operators(PLUGIN, ENABLED, filter, KeysetRequest.first(50));
    assertThat(page.hasNext()).isFalse();
    assertThat(plugins.count(PLUGIN, ENABLED, filter, 50)).isEqualTo(page.items().size());
    return page.items().stream().map(o -> o.username().value()).toList();
  }

  @Test
  void operators_areFilteredByStatusRoleActivityAndText() {
    activate(PLUGIN);
    Operator bob = OperatorFixtures.administrator("bob");
    Operator carol = operator("carol").withActive(false);
    operators.add(bob, new PasswordHash("$test$hash"));
    operators.add(carol, new PasswordHash("$test$hash"));
    plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true"));
    plugins.setOperatorValueIfActive(PLUGIN, bob.id(), "enabled", Optional.of("false"));
    plugins.setOperatorValueIfActive(OTHER, carol.id(), "enabled", Optional.of("true"));
    Optional<Role> anyRole = Optional.empty();
    Optional<Boolean> anyActivity = Optional.empty();

    assertThat(usernames(PluginOperatorFilter.EVERYONE)).containsExactly("alice", "bob", "carol");
    assertThat(usernames(filter("", Status.ENABLED, anyRole, anyActivity)))
        .containsExactly("alice");
    assertThat(usernames(filter("", Status.NOT_ENABLED, anyRole, anyActivity)))
        .containsExactly("bob", "carol");
    assertThat(usernames(filter("", Status.ALL, Optional.of(Role.ADMINISTRATOR), anyActivity)))
        .containsExactly("bob");
    assertThat(usernames(filter("", Status.NOT_ENABLED, anyRole, Optional.of(false))))
        .containsExactly("carol");
    assertThat(usernames(filter("CAR", Status.ALL, anyRole, anyActivity))).containsExactly("carol");
    assertThat(usernames(filter("arol", Status.ALL, anyRole, anyActivity))).isEmpty();
    assertThat(usernames(filter("operator b", Status.ALL, anyRole, anyActivity)))
        .containsExactly("bob");
    assertThat(usernames(filter("example.com", Status.NOT_ENABLED, anyRole, anyActivity)))
        .containsExactly("bob", "carol");
    assertThat(usernames(filter("100%_", Status.ALL, anyRole, anyActivity))).isEmpty();
    assertThat(usernames(PluginOperatorFilter.EVERYONE.among(Set.of(bob.id(), carol.id()))))
        .containsExactly("bob", "carol");

    Cursor afterBob = bob.position(Cursor.Direction.AFTER);
    KeysetPage<Operator> second =
        plugins.operators(
            PLUGIN, ENABLED, PluginOperatorFilter.EVERYONE, KeysetRequest.at(afterBob, 2));
    assertThat(second.items()).extracting(o -> o.username().value()).containsExactly("carol");
    assertThat(second.hasPrevious()).isTrue();
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void operators_walkedForwardAndBackWithAFilter_showEachCoveredOperatorExactlyOnce() {
    activate(PLUGIN);
    List<String> enabled = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      Operator agent = operator("agent%02d".formatted(i));
      operators.add(agent, new PasswordHash("$test$hash"));
      if (i % 3 != 1) {
        plugins.setOperatorValueIfActive(PLUGIN, agent.id(), "enabled", Optional.of("true"));
        enabled.add(agent.username().value());
      }
    }
    var filter = filter("agent", Status.ENABLED, Optional.empty(), Optional.empty());

    List<String> forward = new ArrayList<>();
    KeysetPage<Operator> page = plugins.operators(PLUGIN, ENABLED, filter, KeysetRequest.first(4));
    forward.addAll(page.items().stream().map(o -> o.username().value()).toList());
    while (page.hasNext()) {
      Cursor after = page.items().getLast().position(Cursor.Direction.AFTER);
      page = plugins.operators(PLUGIN, ENABLED, filter, KeysetRequest.at(after, 4));
      forward.addAll(page.items().stream().map(o -> o.username().value()).toList());
    }
    List<String> backward = new ArrayList<>();
    while (true) {
      backward.addAll(0, page.items().stream().map(o -> o.username().value()).toList());
      if (!page.hasPrevious()) {
        break;
      }
      Cursor before = page.items().getFirst().position(Cursor.Direction.BEFORE);
      page = plugins.operators(PLUGIN, ENABLED, filter, KeysetRequest.at(before, 4));
    }

    assertThat(forward).isEqualTo(enabled);
    assertThat(backward).isEqualTo(enabled);
  }

  @Test
  void count_countsNoFurtherThanItsLimit() {
    activate(PLUGIN);
    for (int i = 0; i < 12; i++) {
      operators.add(operator("agent%02d".formatted(i)), new PasswordHash("$test$hash"));
    }
    var agents = filter("agent", Status.ALL, Optional.empty(), Optional.empty());

    assertThat(plugins.count(PLUGIN, ENABLED, agents, Long.MAX_VALUE)).isEqualTo(12);
    assertThat(plugins.count(PLUGIN, ENABLED, agents, 13)).isEqualTo(12);
    assertThat(plugins.count(PLUGIN, ENABLED, agents, 12)).isEqualTo(12);
    assertThat(plugins.count(PLUGIN, ENABLED, agents, 5)).isEqualTo(5);
    assertThat(plugins.count(PLUGIN, ENABLED, agents, 0)).isZero();
  }

  @Test
  void count_ofTheEnabled_countsOnlyThisPluginsMarkerAmongTheRoleOrActivity_exactOrLimited() {
    activate(PLUGIN);
    activate(OTHER);
    List<Operator> enabledAdministrators = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Operator administrator = OperatorFixtures.administrator("admin%02d".formatted(i));
      Operator inactive = operator("gone%02d".formatted(i)).withActive(false);
      operators.add(administrator, new PasswordHash("$test$hash"));
      operators.add(inactive, new PasswordHash("$test$hash"));
      plugins.setOperatorValueIfActive(PLUGIN, administrator.id(), "enabled", Optional.of("true"));
      enabledAdministrators.add(administrator);
      // Another value, key or plugin is not the marker.
      plugins.setOperatorValueIfActive(PLUGIN, inactive.id(), "enabled", Optional.of("false"));
      plugins.setOperatorValueIfActive(PLUGIN, inactive.id(), "other", Optional.of("true"));
      plugins.setOperatorValueIfActive(OTHER, inactive.id(), "enabled", Optional.of("true"));
    }
    plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true"));
    plugins.setOperatorValueIfActive(
        PLUGIN, enabledAdministrators.getFirst().id(), "enabled", Optional.empty());
    var enabled = filter("", Status.ENABLED, Optional.empty(), Optional.empty());
    var enabledAdmins =
        filter("", Status.ENABLED, Optional.of(Role.ADMINISTRATOR), Optional.empty());
    var enabledInactive = filter("", Status.ENABLED, Optional.empty(), Optional.of(false));
    var enabledActiveAdmins =
        filter("", Status.ENABLED, Optional.of(Role.ADMINISTRATOR), Optional.of(true));

    assertThat(plugins.count(PLUGIN, ENABLED, enabled, Long.MAX_VALUE)).isEqualTo(6);
    assertThat(plugins.count(PLUGIN, ENABLED, enabled, 4)).isEqualTo(4);
    assertThat(plugins.count(PLUGIN, ENABLED, enabledAdmins, Long.MAX_VALUE)).isEqualTo(5);
    assertThat(plugins.count(PLUGIN, ENABLED, enabledAdmins, 1_001)).isEqualTo(5);
    assertThat(plugins.count(PLUGIN, ENABLED, enabledAdmins, 3)).isEqualTo(3);
    assertThat(plugins.count(PLUGIN, ENABLED, enabledActiveAdmins, 1_001)).isEqualTo(5);
    assertThat(plugins.count(PLUGIN, ENABLED, enabledInactive, 1_001)).isZero();
    assertThat(plugins.count(PLUGIN, ENABLED, enabledInactive, Long.MAX_VALUE)).isZero();
    assertThat(plugins.count(OTHER, ENABLED, enabledInactive, 1_001)).isEqualTo(6);
    assertThat(plugins.count(OTHER, ENABLED, enabled, Long.MAX_VALUE)).isEqualTo(6);
  }

  @Test
  void mark_setsAndRemovesTheValueForEveryMatchingOperatorOnly() {
    Operator bob = OperatorFixtures.administrator("bob");
    Operator carol = operator("carol");
    operators.add(bob, new PasswordHash("$test$hash"));
    operators.add(carol, new PasswordHash("$test$hash"));
    var operatorsOnly =
        filter("", Status.ALL, Optional.of(Role.OPERATOR), Optional.<Boolean>empty());
    plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.INACTIVE);
    assertThat(plugins.markIfActive(PLUGIN, ENABLED, operatorsOnly, true)).isEmpty();

    plugins.transition(PLUGIN, PluginState.INACTIVE, PluginState.ACTIVE);
    plugins.setOperatorValueIfActive(PLUGIN, carol.id(), "enabled", Optional.of("false"));
    plugins.setOperatorValueIfActive(PLUGIN, bob.id(), "other", Optional.of("x"));
    assertThat(plugins.markIfActive(PLUGIN, ENABLED, operatorsOnly, true)).hasValue(2);
    assertThat(plugins.markIfActive(PLUGIN, ENABLED, operatorsOnly, true)).hasValue(0);

    assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).contains("true");
    assertThat(plugins.operatorValue(PLUGIN, carol.id(), "enabled")).contains("true");
    assertThat(plugins.operatorValue(PLUGIN, bob.id(), "enabled")).isEmpty();
    assertThat(plugins.operatorValue(OTHER, alice.id(), "enabled")).isEmpty();

    assertThat(
            plugins.markIfActive(
                PLUGIN, ENABLED, PluginOperatorFilter.EVERYONE.among(Set.of(carol.id())), false))
        .hasValue(1);
    assertThat(plugins.operatorValue(PLUGIN, carol.id(), "enabled")).isEmpty();
    assertThat(plugins.operatorValue(PLUGIN, alice.id(), "enabled")).contains("true");
    assertThat(plugins.operatorValue(PLUGIN, bob.id(), "other")).contains("x");

    assertThat(plugins.markIfActive(PLUGIN, ENABLED, PluginOperatorFilter.EVERYONE, false))
        .hasValue(1);
    assertThat(plugins.operatorValues(PLUGIN, "enabled", List.of(alice.id(), bob.id(), carol.id())))
        .isEmpty();
  }

  @Test
  void markRacingADeactivation_changesEveryOperatorOrNone() throws Exception {
    List<Operator> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Operator added = operator("racer" + i);
      operators.add(added, new PasswordHash("$test$hash"));
      many.add(added);
    }
    var everyRacer = filter("racer", Status.ALL, Optional.empty(), Optional.<Boolean>empty());
    for (int round = 0; round < 10; round++) {
      activate(PLUGIN);
      List<Object> outcomes =
          AtOnce.run(
              List.<Callable<Object>>of(
                  () -> plugins.markIfActive(PLUGIN, ENABLED, everyRacer, true),
                  () -> plugins.transition(PLUGIN, PluginState.ACTIVE, PluginState.INACTIVE)));

      int enabled =
          plugins
              .operatorValues(PLUGIN, "enabled", many.stream().map(Operator::id).toList())
              .size();
      assertThat(outcomes.get(1)).isEqualTo(true);
      assertThat(outcomes.getFirst()).isIn(OptionalLong.empty(), OptionalLong.of(many.size()));
      assertThat(enabled).isEqualTo(outcomes.getFirst().equals(OptionalLong.empty()) ? 0 : 30);
      plugins.transition(PLUGIN, PluginState.INACTIVE, PluginState.AVAILABLE);
    }
  }

  /** Runs each task {@code copies} times, all released at once; the outcomes, task by task. */
  @SafeVarargs
  private static List<List<Boolean>> race(int copies, Callable<Boolean>... tasks) throws Exception {
    var start = new CountDownLatch(1);
    List<List<Future<Boolean>>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(copies * tasks.length)) {
      for (Callable<Boolean> task : tasks) {
        List<Future<Boolean>> copiesOfTask = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
          copiesOfTask.add(
              pool.submit(
                  () -> {
                    start.await();
                    return task.call();
                  }));
        }
        futures.add(copiesOfTask);
      }
      start.countDown();
      List<List<Boolean>> outcomes = new ArrayList<>();
      for (List<Future<Boolean>> copiesOfTask : futures) {
        List<Boolean> results = new ArrayList<>();
        for (Future<Boolean> future : copiesOfTask) {
          results.add(future.get());
        }
        outcomes.add(results);
      }
      return outcomes;
    }
  }
}
