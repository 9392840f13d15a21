package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorIdTest {
  private static final String TEXT = "3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60";

  @Test
  void parse_readsTheTextForm() {
    assertThat(OperatorId.parse(TEXT)).isEqualTo(new OperatorId(UUID.fromString(TEXT)));
  }

  @Test
  void parse_ignoresSurroundingWhitespaceAndCase() {
    assertThat(OperatorId.parse("  " + TEXT.toUpperCase(Locale.ROOT) + "\n"))
        .isEqualTo(OperatorId.parse(TEXT));
  }

  @Test
  void parse_readsWhatToStringWrites() {
    OperatorId id = OperatorId.random();

    assertThat(OperatorId.parse(id.toString())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "alice",
        "not-a-uuid",
        "3f2b8c1e-9d4a-4e6b-8a7c",
        "3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60-00",
        "3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f6g",
        "' OR '1'='1",
        "<script>alert(1)</script>"
      })
  void parse_refusesWhatIsNotAnIdentity(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OperatorId.parse(text))
        .withMessage("That is not an operator identity.");
  }

  @Test
  void parse_refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> OperatorId.parse(null));
  }

  @Test
  void new_refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> new OperatorId(null));
  }

  @Test
  void random_givesADifferentIdentityEachTime() {
    Set<OperatorId> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(OperatorId.random());
    }

    assertThat(ids).hasSize(1000);
  }

  @Test
  void toString_isTheCanonicalLowerCaseForm() {
    assertThat(OperatorId.parse(TEXT.toUpperCase(Locale.ROOT))).hasToString(TEXT);
  }
}
