package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {
  private static final String ENCODED = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

  @Test
  void toString_isRedacted() {
    PasswordHash hash = new PasswordHash(ENCODED);

    assertThat(hash).hasToString("PasswordHash[redacted]");
    assertThat(List.of(hash).toString()).doesNotContain("argon2id").doesNotContain("aGFzaGhhc2g");
  }

  @Test
  void encoded_isStoredAsGiven() {
    assertThat(new PasswordHash(ENCODED).encoded()).isEqualTo(ENCODED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void new_refusesBlank(String blank) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PasswordHash(blank))
        .withMessage("A password hash cannot be empty.");
  }

  @Test
  void new_refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> new PasswordHash(null));
  }
}
