package io.supportpro.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTokenTest {
  private static final String URL_SAFE_43 = "[A-Za-z0-9_-]{43}";
  private static final String SAMPLE = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void random_isFortyThreeUrlSafeCharacters() {
    for (int i = 0; i < 200; i++) {
      assertThat(SessionToken.random().value()).matches(URL_SAFE_43);
    }
  }

  @Test
  void random_neverRepeats() {
    Set<String> seen = new HashSet<>();
    IntStream.range(0, 1_000).forEach(i -> seen.add(SessionToken.random().value()));

    assertThat(seen).hasSize(1_000);
  }

  @Test
  void random_usesTheWholeAlphabet() {
    // 256 random bits per token: over many tokens every URL-safe character turns up.
    Set<Character> used = new HashSet<>();
    IntStream.range(0, 500)
        .forEach(i -> SessionToken.random().value().chars().forEach(c -> used.add((char) c)));

    assertThat(used).hasSize(64);
  }

  @Test
  void randomText_isFortyThreeUrlSafeCharactersAndNeverRepeats() {
    String first = SessionToken.randomText();
    String second = SessionToken.randomText();

    assertThat(first).matches(URL_SAFE_43);
    assertThat(second).matches(URL_SAFE_43);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void parse_acceptsFortyThreeUrlSafeCharactersAsTheyAre() {
    assertThat(SessionToken.parse(SAMPLE))
        .hasValueSatisfying(t -> assertThat(t.value()).isEqualTo(SAMPLE));
  }

  @Test
  void parse_acceptsWhatRandomMakes() {
    SessionToken token = SessionToken.random();

    assertThat(SessionToken.parse(token.value())).contains(token);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        // one short, one long
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd",
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdef",
        // standard base64 and padding are not URL-safe base64
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcde",
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd=",
        // surrounding or inner white space is not trimmed away
        " AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde\n",
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab de",
        // letters outside ASCII
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdé",
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd\u0661",
        // a session key is not a token
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void parse_refusesAnythingElse(String text) {
    assertThat(SessionToken.parse(text)).isEmpty();
  }

  @Test
  void key_isTheLowerCaseHexSha256OfTheToken() throws Exception {
    SessionToken token = SessionToken.parse(SAMPLE).orElseThrow();

    assertThat(token.key()).isEqualTo(new SessionKey(sha256Hex(SAMPLE)));
  }

  @Test
  void key_isStableForTheSameToken() {
    SessionToken token = SessionToken.random();
    SessionToken again = SessionToken.parse(token.value()).orElseThrow();

    assertThat(token.key()).isEqualTo(token.key());
    assertThat(again.key()).isEqualTo(token.key());
  }

  @Test
  void key_differsBetweenTokens() {
    assertThat(SessionToken.random().key()).isNotEqualTo(SessionToken.random().key());
  }

  @Test
  void key_doesNotContainTheToken() {
    SessionToken token = SessionToken.random();

    assertThat(token.key().value()).doesNotContain(token.value());
  }

  @Test
  void equals_comparesTheValue() {
    SessionToken token = SessionToken.parse(SAMPLE).orElseThrow();
    SessionToken same = SessionToken.parse(SAMPLE).orElseThrow();
    SessionToken other = SessionToken.parse(SAMPLE.replace('A', 'B')).orElseThrow();

    assertThat(token).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
    assertThat(token).isNotEqualTo(SAMPLE);
  }

  @Test
  void toString_isRedacted() {
    SessionToken token = SessionToken.random();

    assertThat(token.toString()).isEqualTo("SessionToken[redacted]").doesNotContain(token.value());
    assertThat(String.valueOf(List.of(token))).doesNotContain(token.value());
  }
}
