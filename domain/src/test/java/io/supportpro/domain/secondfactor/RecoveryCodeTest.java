package io.supportpro.domain.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodeTest {
  @Test
  void generate_givesTenDistinctReadableCodes() {
    List<String> codes = RecoveryCode.generate();

    assertThat(codes).hasSize(10).doesNotHaveDuplicates();
    assertThat(codes).allMatch(code -> code.matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}"));
  }

  @Test
  void hash_isTheSameHoweverTheCodeIsTyped() {
    String code = RecoveryCode.generate().getFirst();
    String hash = RecoveryCode.hash(code).orElseThrow();

    assertThat(RecoveryCode.hash(code.toLowerCase())).contains(hash);
    assertThat(RecoveryCode.hash(" " + code.replace("-", " ") + " ")).contains(hash);
    assertThat(RecoveryCode.hash(code.replace("-", ""))).contains(hash);
    assertThat(hash).doesNotContain(code).hasSize(64);
  }

  @Test
  void hash_readsLettersConfusedWithDigitsAsThoseDigits() {
    assertThat(RecoveryCode.hash("O1234-56789")).isEqualTo(RecoveryCode.hash("01234-56789"));
    assertThat(RecoveryCode.hash("I1234-L6789")).isEqualTo(RecoveryCode.hash("11234-16789"));
  }

  @Test
  void hash_isEmptyForTextThatCannotBeACode() {
    assertThat(RecoveryCode.hash(null)).isEmpty();
    assertThat(RecoveryCode.hash("")).isEmpty();
    assertThat(RecoveryCode.hash("12345")).isEmpty();
    assertThat(RecoveryCode.hash("12345-6789U")).isEmpty();
    assertThat(RecoveryCode.hash("x".repeat(10_000))).isEmpty();
  }
}
