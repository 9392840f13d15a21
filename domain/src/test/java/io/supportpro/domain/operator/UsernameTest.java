package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {
  // U+10400 DESERET CAPITAL LONG I: a letter outside the Basic Multilingual Plane.
  private static final String DESERET_CAPITAL = "\uD801\uDC00";
  private static final String DESERET_SMALL = "\uD801\uDC28";

  @Test
  void new_stripsAndLowerCases() {
    assertThat(new Username("  Alice.Smith_1-x \t").value()).isEqualTo("alice.smith_1-x");
  }

  @Test
  void new_namesThatDifferOnlyInCaseAreEqual() {
    assertThat(new Username("ALICE")).isEqualTo(new Username("alice"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jürgen", "ελένη", "山田", "андрей", "ølaf2"})
  void new_acceptsLettersAndDigitsOfAnyScript(String name) {
    assertThat(new Username(name).value()).isEqualTo(name);
  }

  @Test
  void new_lowerCasesLettersOfAnyScript() {
    assertThat(new Username("JÜRGEN").value()).isEqualTo("jürgen");
    assertThat(new Username("ΕΛΈΝΗ").value()).isEqualTo("ελένη");
    assertThat(new Username(DESERET_CAPITAL).value()).isEqualTo(DESERET_SMALL);
  }

  @Test
  void new_acceptsSixtyFourCharacters() {
    assertThat(new Username("a".repeat(64)).value()).hasSize(64);
  }

  @Test
  void new_refusesSixtyFiveCharacters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Username("a".repeat(65)))
        .withMessage("A username has 1 to 64 characters.");
  }

  @Test
  void new_countsTheLimitInCodePointsNotCharsOfUtf16() {
    String sixtyFour = DESERET_SMALL.repeat(64);

    assertThat(new Username(sixtyFour).value()).isEqualTo(sixtyFour);
    assertThatIllegalArgumentException().isThrownBy(() -> new Username(sixtyFour + DESERET_SMALL));
  }

  @Test
  void new_limitAppliesAfterStripping() {
    assertThat(new Username("   " + "a".repeat(64) + "   ").value()).isEqualTo("a".repeat(64));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t\n"})
  void new_refusesEmptyOrBlank(String blank) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Username(blank))
        .withMessage("A username has 1 to 64 characters.");
  }

  @Test
  void new_refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> new Username(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice smith",
        "alice'--",
        "alice\"",
        "alice;drop",
        "a' or '1'='1",
        "<script>",
        "alice&bob",
        "alice@example.com",
        "alice/../root",
        "alice\\bob",
        "alice%",
        "alice*",
        "alice+bob"
      })
  void new_refusesSqlHtmlAndPathMetacharacters(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Username(name))
        .withMessage("A username may hold only letters, digits, dots, dashes and underscores.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ali\u0000ce",
        "ali\nce",
        "ali\tce",
        "ali\u007Fce",
        "ali\u0085ce",
        "ali\u200Bce",
        "ali\u202Ece",
        "ali\u2028ce",
        "ali\u00A0ce"
      })
  void new_refusesControlFormatAndSpaceCharactersInside(String name) {
    assertThatIllegalArgumentException().isThrownBy(() -> new Username(name));
  }

  @Test
  void toString_isTheValue() {
    assertThat(new Username("Alice")).hasToString("alice");
  }
}
