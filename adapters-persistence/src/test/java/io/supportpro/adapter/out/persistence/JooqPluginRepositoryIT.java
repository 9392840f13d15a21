package io.supportpro.adapter.out.persistence;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.testing.PluginRepositoryContract;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqPluginRepositoryIT {
  private static final PluginId PLUGIN = new PluginId("sso-prompt");
  private static final PluginSettings SETTINGS =
      new PluginSettings(Map.of("client_id", new SettingValue("CLIENTXXXXXXXXXXXXXX", false)));

  @Nested
  class OnH2 extends PluginRepositoryContract {
    @Override
    protected Repositories emptyRepositories() {
      var database = TestDatabase.H2.emptied();
      return new Repositories(database.plugins(), database.operators());
    }
  }

  @Nested
  class OnPostgres extends PluginRepositoryContract {
    @Override
    protected Repositories emptyRepositories() {
      var database = TestDatabase.POSTGRES.emptied();
      return new Repositories(database.plugins(), database.operators());
    }
  }

  /** Two application instances on one PostgreSQL: an uninstall still leaves nothing behind. */
  @Test
  void twoInstancesOnOneDatabase_nothingWrittenOutlivesAnUninstall() throws Exception {
    var first = TestDatabase.POSTGRES.emptied();
    Operator alice = operator("alice");
    first.operators().add(alice, new PasswordHash("$test$hash"));
    try (Persistence second = Persistence.open(TestDatabase.POSTGRES.sharedSettings())) {
      PluginRepository a = first.plugins();
      PluginRepository b = second.stores().plugins();
      for (int round = 0; round < 10; round++) {
        assertThat(a.transition(PLUGIN, PluginState.AVAILABLE, PluginState.INACTIVE)).isTrue();
        assertThat(b.transition(PLUGIN, PluginState.INACTIVE, PluginState.ACTIVE)).isTrue();

        List<Boolean> uninstalls =
            race(
                () -> a.transition(PLUGIN, PluginState.ACTIVE, PluginState.AVAILABLE),
                () -> b.transition(PLUGIN, PluginState.ACTIVE, PluginState.AVAILABLE),
                () -> b.saveSettingsIfActive(PLUGIN, SETTINGS),
                () -> a.saveSettingsIfActive(PLUGIN, SETTINGS),
                () ->
                    b.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true")),
                () -> a.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("1")));

        assertThat(uninstalls.subList(0, 2)).containsOnlyOnce(true);
        assertThat(a.state(PLUGIN)).isEqualTo(PluginState.AVAILABLE);
        assertThat(b.settings(PLUGIN)).isEqualTo(PluginSettings.EMPTY);
        assertThat(a.operatorValue(PLUGIN, alice.id(), "enabled")).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void setOperatorValue_forAnUnknownOperatorIsRefused(TestDatabase database) {
    PluginRepository plugins = database.emptied().plugins();
    plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.ACTIVE);

    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                plugins.setOperatorValueIfActive(
                    PLUGIN, OperatorId.random(), "enabled", Optional.of("true")))
        .withMessageStartingWith("There is no operator");
    assertThat(plugins.state(PLUGIN)).isEqualTo(PluginState.ACTIVE);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void saveSettings_storesTheLongestEncryptedSecretAndRefusesLongerValues(TestDatabase database) {
    PluginRepository plugins = database.emptied().plugins();
    plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.ACTIVE);
    // The longest value that may be typed, in characters that take three bytes each in UTF-8.
    String encrypted =
        AesGcmSecretCipher.fromConfiguredKey(AesGcmSecretCipher.newKey())
            .encrypt("€".repeat(SettingValue.MAX_LENGTH));
    var longest = new PluginSettings(Map.of("client_secret", new SettingValue(encrypted, true)));
    var tooLong = new PluginSettings(Map.of("note", new SettingValue("x".repeat(8193), false)));

    assertThat(plugins.saveSettingsIfActive(PLUGIN, longest)).isTrue();
    assertThat(plugins.settings(PLUGIN)).isEqualTo(longest);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> plugins.saveSettingsIfActive(PLUGIN, tooLong));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void saveSettings_withNoValuesLeavesNone(TestDatabase database) {
    PluginRepository plugins = database.emptied().plugins();
    plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.ACTIVE);
    plugins.saveSettingsIfActive(PLUGIN, SETTINGS);

    assertThat(plugins.saveSettingsIfActive(PLUGIN, PluginSettings.EMPTY)).isTrue();

    assertThat(plugins.settings(PLUGIN)).isEqualTo(PluginSettings.EMPTY);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void operatorValues_readsOneKeyForMoreOperatorsThanOneQueryTakes(TestDatabase database) {
    var stores = database.emptied();
    PluginRepository plugins = stores.plugins();
    plugins.transition(PLUGIN, PluginState.AVAILABLE, PluginState.ACTIVE);
    List<OperatorId> everyone = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      everyone.add(OperatorId.random());
    }
    Operator alice = operator("alice");
    Operator bob = operator("bob");
    stores.operators().add(alice, new PasswordHash("$test$hash"));
    stores.operators().add(bob, new PasswordHash("$test$hash"));
    everyone.add(alice.id());
    everyone.add(bob.id());
    everyone.add(alice.id());
    plugins.setOperatorValueIfActive(PLUGIN, alice.id(), "enabled", Optional.of("true"));
    plugins.setOperatorValueIfActive(PLUGIN, bob.id(), "other", Optional.of("x"));

    assertThat(plugins.operatorValues(PLUGIN, "enabled", everyone))
        .isEqualTo(Map.of(alice.id(), "true"));
    assertThat(plugins.operatorValues(PLUGIN, "enabled", List.of())).isEmpty();
    assertThat(plugins.operatorValues(new PluginId("other-plugin"), "enabled", everyone)).isEmpty();
  }

  /** Runs the tasks all at once; their outcomes, in order. */
  @SafeVarargs
  private static List<Boolean> race(Callable<Boolean>... tasks) throws Exception {
    var start = new CountDownLatch(1);
    List<Future<Boolean>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(tasks.length)) {
      for (Callable<Boolean> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<Boolean> outcomes = new ArrayList<>();
      for (Future<Boolean> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    }
  }
}
