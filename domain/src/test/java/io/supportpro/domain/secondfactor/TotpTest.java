package io.supportpro.domain.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.domain.secondfactor.Totp.Check;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
  private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final TotpSecret SECRET = TotpSecret.fromBase32(Base32.encode(RFC_SEED));
  private static final Instant NOW = Instant.ofEpochSecond(1_234_567_890);

  /** RFC 6238, Appendix B: the SHA-1 rows (8 digits). */
  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void code_matchesTheRfc6238Vectors(long seconds, String expected) {
    long step = Totp.step(Instant.ofEpochSecond(seconds));

    assertThat(Totp.code(RFC_SEED, step, 8, "HmacSHA1")).isEqualTo(expected);
    assertThat(Totp.code(SECRET, step)).isEqualTo(expected.substring(2));
  }

  @Test
  void verify_acceptsTheCurrentStepAndOneStepEitherSide() {
    long now = Totp.step(NOW);

    for (long step = now - 1; step <= now + 1; step++) {
      assertThat(Totp.verify(SECRET, Totp.code(SECRET, step), NOW, OptionalLong.empty()))
          .isEqualTo(new Check.Accepted(step));
    }
  }

  @Test
  void verify_refusesTwoStepsAway() {
    long now = Totp.step(NOW);

    assertThat(Totp.verify(SECRET, Totp.code(SECRET, now - 2), NOW, OptionalLong.empty()))
        .isEqualTo(new Check.Rejected(Check.Reason.WRONG));
    assertThat(Totp.verify(SECRET, Totp.code(SECRET, now + 2), NOW, OptionalLong.empty()))
        .isEqualTo(new Check.Rejected(Check.Reason.WRONG));
  }

  @Test
  void verify_refusesACodeOfTheLastUsedStepOrAnEarlierOne() {
    long now = Totp.step(NOW);
    String current = Totp.code(SECRET, now);

    assertThat(Totp.verify(SECRET, current, NOW, OptionalLong.of(now)))
        .isEqualTo(new Check.Rejected(Check.Reason.REPLAYED));
    assertThat(Totp.verify(SECRET, Totp.code(SECRET, now - 1), NOW, OptionalLong.of(now)))
        .isEqualTo(new Check.Rejected(Check.Reason.REPLAYED));
    assertThat(Totp.verify(SECRET, Totp.code(SECRET, now + 1), NOW, OptionalLong.of(now)))
        .isEqualTo(new Check.Accepted(now + 1));
  }

  @Test
  void verify_refusesMalformedInputWithoutMatching() {
    for (String typed :
        new String[] {null, "", "12345", "1234567", "12a456", "１２３４５６", "' OR 1=1"}) {
      assertThat(Totp.verify(SECRET, typed, NOW, OptionalLong.empty()))
          .as("%s", typed)
          .isEqualTo(new Check.Rejected(Check.Reason.MALFORMED));
    }
  }

  @Test
  void verify_ignoresSpacesInsideTheCode() {
    String code = Totp.code(SECRET, Totp.step(NOW));

    assertThat(
            Totp.verify(
                SECRET,
                " " + code.substring(0, 3) + " " + code.substring(3) + " ",
                NOW,
                OptionalLong.empty()))
        .isInstanceOf(Check.Accepted.class);
  }

  @Test
  void provisioningUri_carriesTheSecretIssuerAndParameters() {
    assertThat(Totp.provisioningUri(SECRET, "Support Pro", "ada@example.com"))
        .isEqualTo(
            "otpauth://totp/Support%20Pro:ada%40example.com?secret="
                + SECRET.base32()
                + "&issuer=Support%20Pro&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void secret_isNeverPrintedAndSurvivesBase32() {
    TotpSecret secret = TotpSecret.random();

    assertThat(secret.toString()).doesNotContain(secret.base32());
    assertThat(TotpSecret.fromBase32(secret.base32().toLowerCase())).isEqualTo(secret);
    assertThat(secret.base32()).hasSize(32);
  }
}
