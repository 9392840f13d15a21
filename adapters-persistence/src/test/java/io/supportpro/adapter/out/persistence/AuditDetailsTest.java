package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditDetailsTest {
  @Test
  void encode_isReadableKeyValuePairsInKeyOrder() {
    assertThat(AuditDetails.encode(Map.of("to", "INACTIVE", "from", "ACTIVE")))
        .isEqualTo("from=ACTIVE&to=INACTIVE");
    assertThat(AuditDetails.encode(Map.of())).isEmpty();
  }

  @Test
  void encode_escapesOnlyTheSeparatorsTheEscapeAndControlCharacters() {
    assertThat(AuditDetails.encode(Map.of("a=b", "x&y%z\n", "ü", "密码 🔑")))
        .isEqualTo("a%3Db=x%26y%25z%0A&ü=密码 🔑");
  }

  @Test
  void decode_readsBackWhatWasEncoded() {
    for (Map<String, String> details :
        List.<Map<String, String>>of(
            Map.of(),
            Map.of("", ""),
            Map.of("=", "&"),
            Map.of("%41", "%"),
            Map.of("a", "", "b", "=", "", "c"),
            Map.of("\u0000\u001f\u007f", "\r\n\t"))) {
      assertThat(AuditDetails.decode(AuditDetails.encode(details))).isEqualTo(details);
    }
  }

  @Test
  void decode_readsBackRandomMaps() {
    var random = new Random(20260301);
    String alphabet = "ab=&%\n\u00e9\ud83d\udd11 ;:,\"'\\x";
    for (int round = 0; round < 2_000; round++) {
      Map<String, String> details = new HashMap<>();
      int entries = random.nextInt(6);
      for (int i = 0; i < entries; i++) {
        details.put(text(random, alphabet), text(random, alphabet));
      }
      assertThat(AuditDetails.decode(AuditDetails.encode(details))).isEqualTo(details);
    }
  }

  private static String text(Random random, String alphabet) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(8);
    for (int i = 0; i < length; i++) {
      int at = random.nextInt(alphabet.length());
      // Keep surrogate pairs whole.
      if (Character.isLowSurrogate(alphabet.charAt(at))) {
        at--;
      }
      text.appendCodePoint(alphabet.codePointAt(at));
    }
    return text.toString();
  }

  @Test
  void encode_leavesOutWhatDoesNotFitAndSaysHowMuch() {
    Map<String, String> details = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      details.put(String.format("k%02d", i), "=".repeat(500));
    }

    String encoded = AuditDetails.encode(details);
    Map<String, String> decoded = AuditDetails.decode(encoded);

    assertThat(encoded.length()).isLessThanOrEqualTo(AuditDetails.MAX_LENGTH);
    assertThat(decoded).containsEntry("k00", "=".repeat(500)).containsKey("(truncated)");
    assertThat(decoded.size() - 1 + Integer.parseInt(decoded.get("(truncated)"))).isEqualTo(30);
  }

  @ParameterizedTest
  @ValueSource(strings = {"novalue", "a=b&", "a=%4", "a=%zz", "a=%4a", "a=%", "a=1&a=2", "&"})
  void decode_refusesTextNotInTheForm(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> AuditDetails.decode(text));
  }
}
