package io.supportpro.domain.operator;

import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorTest {
  private static final EmailAddress NEW_EMAIL = new EmailAddress("ada@example.org");
  private static final DisplayName NEW_NAME = new DisplayName("Ada Lovelace");

  @Test
  void withProfile_changesEmailDisplayNameAndRoleOnly() {
    Operator alice = operator("alice");

    Operator changed = alice.withProfile(NEW_EMAIL, NEW_NAME, Role.ADMINISTRATOR);

    assertThat(changed)
        .isEqualTo(
            new Operator(
                alice.id(), alice.username(), NEW_EMAIL, NEW_NAME, Role.ADMINISTRATOR, true));
  }

  @Test
  void withProfile_keepsAnInactiveOperatorInactive() {
    Operator inactive = operator("alice").withActive(false);

    assertThat(inactive.withProfile(NEW_EMAIL, NEW_NAME, Role.OPERATOR).active()).isFalse();
  }

  @Test
  void withActive_changesOnlyTheActiveFlag() {
    Operator root = administrator("root");

    Operator inactive = root.withActive(false);

    assertThat(inactive.active()).isFalse();
    assertThat(inactive.withActive(true)).isEqualTo(root);
  }

  @Test
  void withProfile_leavesTheOriginalUnchanged() {
    Operator alice = operator("alice");

    alice.withProfile(NEW_EMAIL, NEW_NAME, Role.ADMINISTRATOR).withActive(false);

    assertThat(alice.email()).isEqualTo(new EmailAddress("alice@example.com"));
    assertThat(alice.role()).isEqualTo(Role.OPERATOR);
    assertThat(alice.active()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "ADMINISTRATOR, true,  true,  true",
    "ADMINISTRATOR, false, true,  false",
    "OPERATOR,      true,  false, false",
    "OPERATOR,      false, false, false"
  })
  void isActiveAdministrator_onlyForAnActiveAdministrator(
      Role role, boolean active, boolean administrator, boolean activeAdministrator) {
    Operator alice = operator("alice");
    Operator subject = alice.withProfile(alice.email(), alice.displayName(), role);

    Operator operator = subject.withActive(active);

    assertThat(operator.isAdministrator()).isEqualTo(administrator);
    assertThat(operator.isActiveAdministrator()).isEqualTo(activeAdministrator);
  }

  @Test
  void new_refusesMissingParts() {
    Operator a = operator("alice");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new Operator(null, a.username(), a.email(), a.displayName(), a.role(), true));
    assertThatNullPointerException()
        .isThrownBy(() -> new Operator(a.id(), null, a.email(), a.displayName(), a.role(), true));
    assertThatNullPointerException()
        .isThrownBy(
            () -> new Operator(a.id(), a.username(), null, a.displayName(), a.role(), true));
    assertThatNullPointerException()
        .isThrownBy(() -> new Operator(a.id(), a.username(), a.email(), null, a.role(), true));
    assertThatNullPointerException()
        .isThrownBy(
            () -> new Operator(a.id(), a.username(), a.email(), a.displayName(), null, true));
  }
}
