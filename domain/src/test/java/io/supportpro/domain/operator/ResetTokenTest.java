package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.domain.Sha256;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResetTokenTest {
  @Test
  void random_isA43CharacterUrlSafeTokenEachTimeNew() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String value = ResetToken.random().value();
      assertThat(value).matches("[A-Za-z0-9_-]{43}");
      seen.add(value);
    }
    assertThat(seen).hasSize(100);
  }

  @Test
  void parse_acceptsOnlyTheShapeOfAToken() {
    String value = ResetToken.random().value();

    assertThat(ResetToken.parse(value)).contains(ResetToken.parse(value).orElseThrow());
    assertThat(ResetToken.parse(null)).isEmpty();
    assertThat(ResetToken.parse("")).isEmpty();
    assertThat(ResetToken.parse(value + "A")).isEmpty();
    assertThat(ResetToken.parse(value.substring(1) + "+")).isEmpty();
    assertThat(ResetToken.parse(value.substring(1) + "\n")).isEmpty();
  }

  @Test
  void theHashIsStored_andTheTokenNeverPrinted() {
    ResetToken token = ResetToken.random();

    assertThat(token.hash()).isEqualTo(Sha256.hex(token.value())).hasSize(64);
    assertThat(token.toString()).doesNotContain(token.value());
  }
}
