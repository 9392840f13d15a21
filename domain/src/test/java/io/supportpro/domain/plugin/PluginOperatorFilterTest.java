package io.supportpro.domain.plugin;

import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Role;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PluginOperatorFilterTest {
  private final Operator alice = operator("alice");
  private final Operator bob = administrator("bob");

  @Test
  void everyone_matchesEveryOperatorEnabledOrNot() {
    assertThat(PluginOperatorFilter.EVERYONE.matches(alice, true)).isTrue();
    assertThat(PluginOperatorFilter.EVERYONE.matches(bob, false)).isTrue();
  }

  @Test
  void eachCriterion_narrowsTheMatch() {
    var enabledOperators =
        new PluginOperatorFilter(
            " ALI ",
            PluginOperatorFilter.Status.ENABLED,
            Optional.of(Role.OPERATOR),
            Optional.of(true),
            Optional.empty());

    assertThat(enabledOperators.text()).isEqualTo("ali");
    assertThat(enabledOperators.matches(alice, true)).isTrue();
    assertThat(enabledOperators.matches(alice, false)).isFalse();
    assertThat(enabledOperators.matches(alice.withActive(false), true)).isFalse();
    assertThat(enabledOperators.matches(bob, true)).isFalse();
    assertThat(PluginOperatorFilter.EVERYONE.among(Set.of(bob.id())).matches(alice, false))
        .isFalse();
  }

  @Test
  void theText_mustBeginAWordOfTheUsernameEmailOrName() {
    assertThat(filter("ALI").matches(alice, false)).isTrue();
    assertThat(filter("operator al").matches(alice, false)).isTrue();
    assertThat(filter("example.com").matches(alice, false)).isTrue();
    assertThat(filter("lice").matches(alice, false)).isFalse();
    assertThat(filter("xample").matches(alice, false)).isFalse();
  }

  private static PluginOperatorFilter filter(String text) {
    return new PluginOperatorFilter(
        text,
        PluginOperatorFilter.Status.ALL,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void aSelection_isBoundedByOnePage() {
    Set<OperatorId> tooMany =
        IntStream.rangeClosed(0, PluginOperatorFilter.MAX_SELECTED)
            .mapToObj(i -> new OperatorId(UUID.randomUUID()))
            .collect(Collectors.toSet());

    assertThatThrownBy(() -> PluginOperatorFilter.EVERYONE.among(tooMany))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOversizedSearch_isRefused() {
    assertThatThrownBy(
            () ->
                new PluginOperatorFilter(
                    "x".repeat(PluginOperatorFilter.MAX_TEXT_LENGTH + 1),
                    PluginOperatorFilter.Status.ALL,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
