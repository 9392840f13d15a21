package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNameTest {
  private static final String ROCKET = "\uD83D\uDE80";

  @Test
  void new_stripsButKeepsCaseAndInnerSpaces() {
    assertThat(new DisplayName("  Ada  Lovelace \t").value()).isEqualTo("Ada  Lovelace");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zoë Ólafsdóttir", "山田 太郎", "Ада Лавлейс", "محمد", "Ada " + ROCKET})
  void new_acceptsAnyScriptAndSymbols(String name) {
    assertThat(new DisplayName(name).value()).isEqualTo(name);
  }

  @Test
  void new_keepsHtmlAndSqlMetacharactersVerbatimForTheViewToEscape() {
    String name = "<b>Ada</b> & 'Bobby'; DROP TABLE operators;--";

    assertThat(new DisplayName(name).value()).isEqualTo(name);
  }

  @Test
  void new_acceptsOneHundredCharacters() {
    assertThat(new DisplayName("a".repeat(100)).value()).hasSize(100);
  }

  @Test
  void new_refusesOneHundredAndOneCharacters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DisplayName("a".repeat(101)))
        .withMessage("A display name has 1 to 100 characters.");
  }

  @Test
  void new_countsTheLimitInCodePointsNotCharsOfUtf16() {
    String hundred = ROCKET.repeat(100);

    assertThat(new DisplayName(hundred).value()).isEqualTo(hundred);
    assertThatIllegalArgumentException().isThrownBy(() -> new DisplayName(hundred + ROCKET));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n "})
  void new_refusesEmptyOrBlank(String blank) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DisplayName(blank))
        .withMessage("A display name has 1 to 100 characters.");
  }

  @Test
  void new_refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> new DisplayName(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ada\u0000Lovelace",
        "Ada\nLovelace",
        "Ada\r\nLovelace",
        "Ada\tLovelace",
        "Ada\u001BLovelace",
        "Ada\u007FLovelace",
        "Ada\u0085Lovelace",
        "Ada\u2028Lovelace",
        "Ada\u2029Lovelace",
        "Ada\u202ELovelace",
        "Ada\u200BLovelace",
        "Ada\uFEFFLovelace"
      })
  void new_refusesControlSeparatorAndFormatCharacters(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DisplayName(name))
        .withMessage("A display name cannot hold control characters.");
  }

  @Test
  void toString_isTheValue() {
    assertThat(new DisplayName(" Ada Lovelace ")).hasToString("Ada Lovelace");
  }
}
