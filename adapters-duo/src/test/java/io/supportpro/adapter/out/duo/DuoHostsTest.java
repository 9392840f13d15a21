package io.supportpro.adapter.out.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DuoHostsTest {
  @Test
  void parse_readsHostsSeparatedByCommasOrSpaces_inLowerCase() {
    DuoHosts hosts = DuoHosts.parse(" Duo.Example.internal, 127.0.0.1  proxy.internal,,");

    assertThat(hosts.listed())
        .containsExactly("duo.example.internal", "127.0.0.1", "proxy.internal");
    assertThat(DuoHosts.parse("").listed()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"https://duo.example", "duo.example:443", "duo.example/path", "du_o", "\u212aduo"})
  void parse_refusesWhatIsNotAHostName(String entry) {
    assertThatThrownBy(() -> DuoHosts.parse("ok.example," + entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a host name");
  }

  @Test
  void duosOwnApiHosts_areAllowedWithoutBeingListed_proxiesOnlyWhenListed() {
    DuoHosts hosts = DuoHosts.DUO_ONLY.and(List.of("proxy.internal"));

    assertThat(hosts.allowsApiHost("api-1a2b3c4d.duosecurity.com")).isTrue();
    assertThat(hosts.allowsApiHost("api-1a2b3c4d.duosecurity.com.evil.example")).isFalse();
    assertThat(hosts.allowsApiHost("proxy.internal")).isTrue();
    assertThat(hosts.allowsProxy("PROXY.internal")).isTrue();
    assertThat(hosts.allowsProxy("api-1a2b3c4d.duosecurity.com")).isFalse();
    assertThat(hosts.allowsApiHost(null)).isFalse();
  }
}
