package io.supportpro.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionClientTest {
  @Test
  void keepsAnOrdinaryAddressAndUserAgentAsTheyAre() {
    var client = new SessionClient("2001:db8::1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");

    assertThat(client.address()).isEqualTo("2001:db8::1");
    assertThat(client.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
    assertThat(client.description()).isEqualTo(new ClientDescription("Firefox", "Linux"));
  }

  @Test
  void removesControlAndFormatCharacters() {
    var client = new SessionClient("192.0.2.1\r\n", "Fire\u0000fox/1\u001b[31m\u202e\u200b x");

    assertThat(client.address()).isEqualTo("192.0.2.1");
    assertThat(client.userAgent()).isEqualTo("Firefox/1[31m x");
  }

  @Test
  void cutsOverlongTextToItsBound() {
    var client = new SessionClient("1".repeat(1_000), "a".repeat(100_000));

    assertThat(client.address()).hasSize(SessionClient.MAX_ADDRESS);
    assertThat(client.userAgent()).hasSize(SessionClient.MAX_USER_AGENT);
  }

  @Test
  void neverCutsACharacterInHalf() {
    String emoji = "\uD83D\uDE00";
    var client = new SessionClient("", "a" + emoji.repeat(SessionClient.MAX_USER_AGENT));

    assertThat(client.userAgent()).hasSize(SessionClient.MAX_USER_AGENT - 1);
    assertThat(client.userAgent()).endsWith(emoji);
  }

  @Test
  void missingValuesAreEmpty() {
    assertThat(new SessionClient(null, null)).isEqualTo(SessionClient.UNKNOWN);
    assertThat(SessionClient.UNKNOWN.description())
        .isEqualTo(new ClientDescription("Unknown", "Unknown"));
  }
}
