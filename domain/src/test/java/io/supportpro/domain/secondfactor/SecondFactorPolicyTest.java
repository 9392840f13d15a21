package io.supportpro.domain.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.fixtures.SecondFactors;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecondFactorPolicyTest {
  @ParameterizedTest(name = "plugin {0}, totp {1}, forced {2} -> {3}")
  @CsvSource({
    // A plugin's method that applies replaces the built-in 2FA, whatever else holds.
    "PROMPT:example-prompt, true,  true,  PROMPT:example-prompt",
    "PROMPT:example-prompt, true,  false, PROMPT:example-prompt",
    "PROMPT:example-prompt, false, true,  PROMPT:example-prompt",
    "PROMPT:example-prompt, false, false, PROMPT:example-prompt",
    "CODE:example-code,     true,  true,  CODE:example-code",
    "CODE:example-code,     false, false, CODE:example-code",
    // Without one, the built-in rule decides.
    ",                      true,  true,  TOTP",
    ",                      true,  false, TOTP",
    ",                      false, true,  TOTP_ENROLMENT",
    ",                      false, false, NONE"
  })
  void required_followsTheFullTruthTable(
      SecondFactor plugin, boolean totpEnrolled, boolean force2fa, SecondFactor expected) {
    assertThat(SecondFactorPolicy.required(Optional.ofNullable(plugin), totpEnrolled, force2fa))
        .isEqualTo(expected);
  }

  @Test
  void required_acceptsOnlyAPluginsMethodAsThePluginsFactor() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SecondFactorPolicy.required(Optional.of(SecondFactor.TOTP), true, true));
    assertThat(SecondFactorPolicy.required(Optional.of(SecondFactors.PROMPT), false, false))
        .isEqualTo(SecondFactors.PROMPT);
  }

  @Test
  void required_refusesAMissingPluginMethod() {
    assertThatNullPointerException()
        .isThrownBy(() -> SecondFactorPolicy.required(null, true, true));
  }
}
