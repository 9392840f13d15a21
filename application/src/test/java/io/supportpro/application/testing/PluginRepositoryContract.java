package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
