package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.domain.session.SessionToken;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormTokensTest {
  private final FormTokens tokens =
      new FormTokens("the key every instance of the panel shares".getBytes(StandardCharsets.UTF_8));

  @Test
  void theSignatureOfTheCookieValue_isValid() {
    String cookie = SessionToken.randomText();

    assertThat(tokens.valid(cookie, tokens.sign(cookie))).isTrue();
  }

  @Test
  void anotherInstanceWithTheSameKey_acceptsTheToken() {
    String cookie = SessionToken.randomText();
    var other =
        new FormTokens(
            "the key every instance of the panel shares".getBytes(StandardCharsets.UTF_8));

    assertThat(other.valid(cookie, tokens.sign(cookie))).isTrue();
  }

  @Test
  void aTokenForAnotherCookieOrUnderAnotherKey_isRefused() {
    String cookie = SessionToken.randomText();
    var otherKey =
        new FormTokens(
            "a different key, thirty-two bytes or more".getBytes(StandardCharsets.UTF_8));

    assertThat(tokens.valid(cookie, tokens.sign(SessionToken.randomText()))).isFalse();
    assertThat(tokens.valid(cookie, otherKey.sign(cookie))).isFalse();
    assertThat(tokens.valid(cookie, cookie)).isFalse();
    assertThat(tokens.valid(cookie, "")).isFalse();
    assertThat(tokens.valid(cookie, null)).isFalse();
  }

  @Test
  void aCookieValueOfTheWrongShape_isRefused() {
    assertThat(tokens.valid(null, "x")).isFalse();
    assertThat(tokens.valid("short", tokens.sign("short"))).isFalse();
    assertThat(FormTokens.wellFormed(SessionToken.randomText())).isTrue();
    assertThat(FormTokens.wellFormed("a".repeat(42) + "=")).isFalse();
  }
}
