package io.supportpro.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.fixtures.SecondFactors;
import io.supportpro.domain.secondfactor.SecondFactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionStageTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "NONE,           SIGNED_IN",
    "TOTP,           AWAITING_SECOND_FACTOR",
    "PROMPT:example-prompt, AWAITING_SECOND_FACTOR",
    "CODE:example-code, AWAITING_SECOND_FACTOR",
    "TOTP_ENROLMENT, AWAITING_ENROLMENT"
  })
  void afterPassword_dependsOnTheSecondFactorRequired(
      SecondFactor required, SessionStage expected) {
    assertThat(SessionStage.afterPassword(required)).isEqualTo(expected);
  }

  @Test
  void afterPassword_signsInFullyOnlyWhenNoSecondFactorIsRequired() {
    for (SecondFactor factor : SecondFactors.all().toList()) {
      assertThat(SessionStage.afterPassword(factor) == SessionStage.SIGNED_IN)
          .as(factor.stored())
          .isEqualTo(factor == SecondFactor.NONE);
    }
  }

  @Test
  void afterPassword_refusesAMissingFactor() {
    assertThatNullPointerException().isThrownBy(() -> SessionStage.afterPassword(null));
  }
}
