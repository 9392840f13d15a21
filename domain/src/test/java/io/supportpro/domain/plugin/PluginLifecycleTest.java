package io.supportpro.domain.plugin;

import static io.supportpro.domain.plugin.PluginAction.ACTIVATE;
import static io.supportpro.domain.plugin.PluginAction.DEACTIVATE;
import static io.supportpro.domain.plugin.PluginAction.INSTALL;
import static io.supportpro.domain.plugin.PluginAction.UNINSTALL;
import static io.supportpro.domain.plugin.PluginState.ACTIVE;
import static io.supportpro.domain.plugin.PluginState.AVAILABLE;
import static io.supportpro.domain.plugin.PluginState.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.plugin.PluginLifecycle.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PluginLifecycleTest {
  /** Every state with every action. */
  static Stream<Arguments> everyStateAndAction() {
    return Arrays.stream(PluginState.values())
        .flatMap(s -> Arrays.stream(PluginAction.values()).map(a -> Arguments.of(s, a)));
  }

  @ParameterizedTest(name = "{0} --{1}--> {2}")
  @CsvSource({
    "AVAILABLE, INSTALL,    INACTIVE",
    "INACTIVE,  ACTIVATE,   ACTIVE",
    "ACTIVE,    DEACTIVATE, INACTIVE",
    "INACTIVE,  UNINSTALL,  AVAILABLE",
    "ACTIVE,    UNINSTALL,  AVAILABLE"
  })
  void next_allowsTheTransitionsOfTheDiagram(
      PluginState from, PluginAction action, PluginState to) {
    assertThat(PluginLifecycle.next(from, action))
        .isEqualTo(new Transition.Allowed(from, action, to));
  }

  @ParameterizedTest(name = "{0} --{1}--> refused")
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
  void next_refusesEveryOtherActionWithAReason(
      PluginState from, PluginAction action, String reason) {
    assertThat(PluginLifecycle.next(from, action))
        .isEqualTo(new Transition.Refused(from, action, reason));
  }

  @Test
  void theTablesAboveCoverEveryStateAndAction() {
    List<Transition> all = new ArrayList<>();
    everyStateAndAction()
        .forEach(
            args -> {
              Object[] pair = args.get();
              all.add(PluginLifecycle.next((PluginState) pair[0], (PluginAction) pair[1]));
            });

    assertThat(all).hasSize(12);
    assertThat(all).filteredOn(Transition.Allowed.class::isInstance).hasSize(5);
    assertThat(all).filteredOn(Transition.Refused.class::isInstance).hasSize(7);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyStateAndAction")
  void next_neverStaysInTheSameStateAndAlwaysExplainsARefusal(
      PluginState from, PluginAction action) {
    switch (PluginLifecycle.next(from, action)) {
      case Transition.Allowed allowed -> {
        assertThat(allowed.from()).isEqualTo(from);
        assertThat(allowed.action()).isEqualTo(action);
        assertThat(allowed.to()).isNotEqualTo(from);
      }
      case Transition.Refused refused -> {
        assertThat(refused.from()).isEqualTo(from);
        assertThat(refused.action()).isEqualTo(action);
        assertThat(refused.reason()).isNotBlank().endsWith(".");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyStateAndAction")
  void legalActions_holdsExactlyTheAllowedActions(PluginState state, PluginAction action) {
    boolean allowed = PluginLifecycle.next(state, action) instanceof Transition.Allowed;

    assertThat(PluginLifecycle.legalActions(state).contains(action)).isEqualTo(allowed);
  }

  @Test
  void legalActions_ofAvailableIsInstallOnly() {
    assertThat(PluginLifecycle.legalActions(AVAILABLE)).containsExactly(INSTALL);
  }

  @Test
  void legalActions_ofInactiveIsActivateThenUninstall() {
    assertThat(PluginLifecycle.legalActions(INACTIVE)).containsExactly(ACTIVATE, UNINSTALL);
  }

  @Test
  void legalActions_ofActiveIsDeactivateThenUninstall() {
    assertThat(PluginLifecycle.legalActions(ACTIVE)).containsExactly(DEACTIVATE, UNINSTALL);
  }

  @ParameterizedTest
  @EnumSource(PluginState.class)
  void uninstall_isLegalExactlyWhenInstalled(PluginState state) {
    assertThat(PluginLifecycle.legalActions(state).contains(UNINSTALL))
        .isEqualTo(state.isInstalled());
  }

  @Test
  void isInstalled_isFalseOnlyForAvailable() {
    assertThat(AVAILABLE.isInstalled()).isFalse();
    assertThat(INACTIVE.isInstalled()).isTrue();
    assertThat(ACTIVE.isInstalled()).isTrue();
  }

  @Test
  void next_refusesNulls() {
    assertThatNullPointerException().isThrownBy(() -> PluginLifecycle.next(null, INSTALL));
    assertThatNullPointerException().isThrownBy(() -> PluginLifecycle.next(ACTIVE, null));
  }
}
