package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordTest {
  private static final String SECRET = "correct horse battery staple";

  @Test
  void toString_neverShowsTheValue() {
    Password password = new Password(SECRET);

    assertThat(password.toString()).isEqualTo("Password[redacted]").doesNotContain("horse");
  }

  @Test
  void toString_staysRedactedInsideOtherValues() {
    Password password = new Password(SECRET);

    assertThat("typed " + password).doesNotContain(SECRET);
    assertThat(List.of(password).toString()).doesNotContain(SECRET);
    assertThat(Map.of("password", password).toString()).doesNotContain(SECRET);
    assertThat(Optional.of(password).toString()).doesNotContain(SECRET);
    assertThat(String.format("%s", password)).doesNotContain(SECRET);
  }

  @Test
  void value_isTheTypedTextUnchanged() {
    assertThat(new Password("  Spaces Count  ").value()).isEqualTo("  Spaces Count  ");
  }

  @Test
  void temporary_isRandomReadableAndMeetsThePolicy() {
    Password first = Password.temporary();
    Password second = Password.temporary();

    assertThat(first.value())
        .matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}")
        .doesNotContainPattern("[01ilo]");
    assertThat(first).isNotEqualTo(second);
    assertThat(PasswordPolicy.standard().problem(first)).isEmpty();
  }

  @Test
  void new_refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> new Password(null));
  }

  @Test
  void maxLength_isTwoHundredFiftySix() {
    assertThat(Password.MAX_LENGTH).isEqualTo(256);
  }
}
