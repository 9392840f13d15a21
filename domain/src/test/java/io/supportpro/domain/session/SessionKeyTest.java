package io.supportpro.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeyTest {
  private static final String HEX_64 =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void accepts64LowerCaseHexDigits() {
    assertThat(new SessionKey(HEX_64).value()).isEqualTo(HEX_64);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
        "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef",
        " 123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n",
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"
      })
  void refusesAnyOtherShape(String value) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionKey(value))
        .withMessage("A session key is 64 lower-case hex digits.");
  }

  @Test
  void refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> new SessionKey(null));
  }

  @Test
  void equalsComparesTheValue() {
    assertThat(new SessionKey(HEX_64)).isEqualTo(new SessionKey(HEX_64));
    assertThat(new SessionKey(HEX_64)).isNotEqualTo(new SessionKey(HEX_64.replace('0', '1')));
  }
}
