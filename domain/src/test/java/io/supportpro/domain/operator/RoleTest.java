package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {
  @ParameterizedTest
  @ValueSource(strings = {"administrator", "ADMINISTRATOR", "Administrator", "  administrator\t"})
  void parse_readsAdministratorInAnyCase(String text) {
    assertThat(Role.parse(text)).isEqualTo(Role.ADMINISTRATOR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"operator", "OPERATOR", "oPeRaToR", " operator "})
  void parse_readsOperatorInAnyCase(String text) {
    assertThat(Role.parse(text)).isEqualTo(Role.OPERATOR);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "admin",
        "root",
        "administrators",
        "operator\u0000",
        "operator'--",
        "ADMINISTRATOR OR 1=1"
      })
  void parse_refusesAnythingElse(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Role.parse(text))
        .withMessage("A role is either administrator or operator.");
  }

  @Test
  void parse_doesNotDependOnTheDefaultLocale() {
    Locale previous = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertThat(Role.parse("administrator")).isEqualTo(Role.ADMINISTRATOR);
      assertThat(Role.parse("ADMINISTRATOR")).isEqualTo(Role.ADMINISTRATOR);
    } finally {
      Locale.setDefault(previous);
    }
  }

  @Test
  void parse_readsEveryRoleFromItsOwnName() {
    for (Role role : Role.values()) {
      assertThat(Role.parse(role.name().toLowerCase(Locale.ROOT))).isEqualTo(role);
    }
  }
}
