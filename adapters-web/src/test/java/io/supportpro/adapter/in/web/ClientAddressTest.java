package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static final ClientAddress BEHIND_PROXY =
      new ClientAddress(
          List.of(
              ClientAddress.literal("10.0.0.5").orElseThrow(),
              ClientAddress.literal("10.0.0.6").orElseThrow()));
  private static final ClientAddress DIRECT = new ClientAddress(List.<InetAddress>of());

  @Test
  void withoutTrustedProxies_theHeaderIsIgnored() {
    assertThat(DIRECT.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
  }

  @Test
  void fromAnUntrustedPeer_theHeaderIsIgnored() {
    assertThat(BEHIND_PROXY.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
  }

  @Test
  void fromATrustedProxy_theRightMostUntrustedAddressIsTheClient() {
    assertThat(BEHIND_PROXY.resolve("10.0.0.5", "198.51.100.1")).isEqualTo("198.51.100.1");
    // What the client wrote itself (a forged first entry) is not believed.
    assertThat(BEHIND_PROXY.resolve("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.6"))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void aMalformedHeader_fallsBackToThePeer() {
    assertThat(BEHIND_PROXY.resolve("10.0.0.5", "not-an-address")).isEqualTo("10.0.0.5");
    assertThat(BEHIND_PROXY.resolve("10.0.0.5", "")).isEqualTo("10.0.0.5");
    assertThat(BEHIND_PROXY.resolve("10.0.0.5", "10.0.0.6")).isEqualTo("10.0.0.5");
    assertThat(BEHIND_PROXY.resolve("10.0.0.5", "example.com")).isEqualTo("10.0.0.5");
  }

  @Test
  void namesThatLookLikeAddresses_areNotLiterals() {
    // InetAddress would look these up in DNS as host names.
    assertThat(ClientAddress.literal("cafe")).isEmpty();
    assertThat(ClientAddress.literal("999.1.1.1")).isEmpty();
    assertThat(ClientAddress.literal("1.2.3")).isEmpty();
    assertThat(BEHIND_PROXY.resolve("10.0.0.5", "deadbeef")).isEqualTo("10.0.0.5");
    assertThat(ClientAddress.literal("255.255.255.255")).isPresent();
    assertThat(ClientAddress.literal("2001:db8::1")).isPresent();
  }

  @Test
  void ipv6LiteralsAreCompared_notTheirSpelling() {
    var proxy = new ClientAddress(List.of(ClientAddress.literal("::1").orElseThrow()));

    assertThat(proxy.resolve("0:0:0:0:0:0:0:1", "2001:db8::7")).isEqualTo("2001:db8:0:0:0:0:0:7");
  }
}
