package io.supportpro.domain.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.throttle.ThrottleKey.Kind;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ThrottleKeyTest {
  @Test
  void account_countsAgainstTheAccountName() {
    assertThat(ThrottleKey.account("ada")).isEqualTo(new ThrottleKey(Kind.ACCOUNT, "ada"));
  }

  @Test
  void address_countsAgainstTheClientAddress() {
    assertThat(ThrottleKey.address("192.0.2.10"))
        .isEqualTo(new ThrottleKey(Kind.ADDRESS, "192.0.2.10"));
  }

  @Test
  void secondFactor_countsAgainstTheOperator() {
    String id = "0b9f2c8e-6a44-4d0b-9c55-2f1f0e7f4a11";

    assertThat(ThrottleKey.secondFactor(id)).isEqualTo(new ThrottleKey(Kind.SECOND_FACTOR, id));
  }

  @Test
  void theSameNameTypedDifferentlyIsOneKey() {
    assertThat(ThrottleKey.account("  Ada@Example.COM\t"))
        .isEqualTo(ThrottleKey.account("ada@example.com"));
    assertThat(ThrottleKey.account("  Ada@Example.COM\t").value()).isEqualTo("ada@example.com");
  }

  @Test
  void anIpv6AddressCountsAgainstItsSlash64Network() {
    assertThat(ThrottleKey.address(" 2001:DB8::1 ").value()).isEqualTo("2001:db8:0:0::/64");
    assertThat(ThrottleKey.address("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        .isEqualTo(ThrottleKey.address("2001:db8:1:2::7"));
  }

  @Test
  void neighbouringIpv6NetworksAreCountedApart() {
    assertThat(ThrottleKey.address("2001:db8:1:3::1"))
        .isNotEqualTo(ThrottleKey.address("2001:db8:1:2::1"));
  }

  @Test
  void anIpv4AddressCountsByItself() {
    assertThat(ThrottleKey.address("192.0.2.10").value()).isEqualTo("192.0.2.10");
    assertThat(ThrottleKey.address("192.0.2.11")).isNotEqualTo(ThrottleKey.address("192.0.2.10"));
    assertThat(ThrottleKey.address("::ffff:192.0.2.10"))
        .isEqualTo(ThrottleKey.address("192.0.2.10"));
  }

  @Test
  void anAddressThatIsNoIpLiteralIsKeptAsItIs() {
    assertThat(ThrottleKey.address("local").value()).isEqualTo("local");
    assertThat(ThrottleKey.address("1:2:3").value()).isEqualTo("1:2:3");
    assertThat(ThrottleKey.address("fe80::1%eth0").value()).isEqualTo("fe80::1%eth0");
  }

  @Test
  void foldsCaseTheSameWayWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));

      assertThat(ThrottleKey.account("ADMIN").value()).isEqualTo("admin");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void kindsAreCountedApart() {
    assertThat(ThrottleKey.account("192.0.2.10")).isNotEqualTo(ThrottleKey.address("192.0.2.10"));
    assertThat(ThrottleKey.account("x")).isNotEqualTo(ThrottleKey.secondFactor("x"));
  }

  @Test
  void keepsAValueOf254Characters() {
    String value = "a".repeat(254);

    assertThat(ThrottleKey.account(value).value()).isEqualTo(value);
  }

  @Test
  void clipsLongerValuesTo254Characters() {
    String value = "b".repeat(254);

    assertThat(ThrottleKey.account(value + "c").value()).isEqualTo(value);
    assertThat(ThrottleKey.account(value + "x".repeat(10_000)).value()).isEqualTo(value);
  }

  @Test
  void clipsAfterTrimmingSoThatSurroundingSpaceDoesNotCount() {
    String value = "d".repeat(254);

    assertThat(ThrottleKey.account("   " + value + "   ").value()).isEqualTo(value);
  }

  @Test
  void namesThatDifferOnlyPastTheClipShareAKey() {
    String stem = "e".repeat(254);

    assertThat(ThrottleKey.account(stem + "1")).isEqualTo(ThrottleKey.account(stem + "2"));
  }

  @Test
  void clippingNeverSplitsACharacterInTwo() {
    // U+1F600 takes two UTF-16 units; cutting between them leaves text no encoder can write.
    String value = ThrottleKey.account("f".repeat(253) + "\uD83D\uDE00" + "g").value();

    assertThat(value.length()).isLessThanOrEqualTo(254);
    assertThat(Character.isHighSurrogate(value.charAt(value.length() - 1))).isFalse();
    assertThat(value).isEqualTo("f".repeat(253));
  }

  @Test
  void keepsACharacterOutsideTheBasicPlaneThatFitsWhole() {
    String value = "h".repeat(252) + "\uD83D\uDE00";

    assertThat(ThrottleKey.account(value + "tail").value()).isEqualTo(value);
  }

  @Test
  void anEmptyValueIsAKey() {
    // An empty login is still counted against (with every other empty login) rather than refused.
    assertThat(ThrottleKey.account("   ").value()).isEmpty();
  }

  @Test
  void refusesMissingParts() {
    assertThatNullPointerException().isThrownBy(() -> new ThrottleKey(null, "x"));
    assertThatNullPointerException().isThrownBy(() -> new ThrottleKey(Kind.ACCOUNT, null));
  }
}
