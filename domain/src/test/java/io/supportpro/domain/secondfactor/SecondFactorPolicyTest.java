package io.supportpro.domain.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.plugin.PluginState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecondFactorPolicyTest {
  @ParameterizedTest(name = "duo {0}, enabled {1}, totp {2}, forced {3} -> {4}")
  @CsvSource({
    // Duo replaces the built-in 2FA only while its plugin is active and enabled for the operator.
    "ACTIVE,    true,  true,  true,  DUO",
    "ACTIVE,    true,  true,  false, DUO",
    "ACTIVE,    true,  false, true,  DUO",
    "ACTIVE,    true,  false, false, DUO",
    "ACTIVE,    false, true,  true,  TOTP",
    "ACTIVE,    false, true,  false, TOTP",
    "ACTIVE,    false, false, true,  TOTP_ENROLMENT",
    "ACTIVE,    false, false, false, NONE",
    // A deactivated plugin keeps the operator's choice but no longer applies it.
    "INACTIVE,  true,  true,  true,  TOTP",
    "INACTIVE,  true,  true,  false, TOTP",
    "INACTIVE,  true,  false, true,  TOTP_ENROLMENT",
    "INACTIVE,  true,  false, false, NONE",
    "INACTIVE,  false, true,  true,  TOTP",
    "INACTIVE,  false, true,  false, TOTP",
    "INACTIVE,  false, false, true,  TOTP_ENROLMENT",
    "INACTIVE,  false, false, false, NONE",
    "AVAILABLE, true,  true,  true,  TOTP",
    "AVAILABLE, true,  true,  false, TOTP",
    "AVAILABLE, true,  false, true,  TOTP_ENROLMENT",
    "AVAILABLE, true,  false, false, NONE",
    "AVAILABLE, false, true,  true,  TOTP",
    "AVAILABLE, false, true,  false, TOTP",
    "AVAILABLE, false, false, true,  TOTP_ENROLMENT",
    "AVAILABLE, false, false, false, NONE"
  })
  void required_followsTheFullTruthTable(
      PluginState duoPlugin,
      boolean duoEnabled,
      boolean totpEnrolled,
      boolean force2fa,
      SecondFactor expected) {
    assertThat(SecondFactorPolicy.required(duoPlugin, duoEnabled, totpEnrolled, force2fa))
        .isEqualTo(expected);
  }

  @Test
  void required_refusesAMissingPluginState() {
    assertThatNullPointerException()
        .isThrownBy(() -> SecondFactorPolicy.required(null, true, true, true));
  }
}
