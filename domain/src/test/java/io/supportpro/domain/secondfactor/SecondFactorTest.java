package io.supportpro.domain.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.supportpro.domain.fixtures.SecondFactors;
import io.supportpro.domain.plugin.PluginId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecondFactorTest {
  @ParameterizedTest
  @MethodSource("io.supportpro.domain.fixtures.SecondFactors#all")
  void parse_readsBackWhatIsStored(SecondFactor factor) {
    assertThat(SecondFactor.parse(factor.stored())).isEqualTo(factor);
  }

  @Test
  void stored_keepsTheBuiltInNamesOfEarlierVersions() {
    assertThat(SecondFactor.NONE.stored()).isEqualTo("NONE");
    assertThat(SecondFactor.TOTP.stored()).isEqualTo("TOTP");
    assertThat(SecondFactor.TOTP_ENROLMENT.stored()).isEqualTo("TOTP_ENROLMENT");
    assertThat(SecondFactors.PROMPT.stored()).isEqualTo("PROMPT:example-prompt");
    assertThat(SecondFactors.PLUGIN_CODE.stored()).isEqualTo("CODE:example-code");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "SMS", "PROMPT:", "PROMPT:Not An Id", "CODE:-x", "totp"})
  void parse_refusesWhatNoFactorIsStoredAs(String stored) {
    assertThatIllegalArgumentException().isThrownBy(() -> SecondFactor.parse(stored));
  }

  @Test
  void aPromptIsAlwaysAPluginsAndTheOtherBuiltInsNever() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SecondFactor(SecondFactor.Kind.PROMPT, Optional.empty()));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new SecondFactor(SecondFactor.Kind.NONE, Optional.of(new PluginId("example"))));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new SecondFactor(
                    SecondFactor.Kind.ENROLMENT, Optional.of(new PluginId("example"))));
  }

  @Test
  void auditName_isThePluginsIdOrTheBuiltInName() {
    assertThat(SecondFactors.PROMPT.auditName()).isEqualTo("example-prompt");
    assertThat(SecondFactor.TOTP.auditName()).isEqualTo("totp");
    assertThat(SecondFactor.NONE.auditName()).isEqualTo("none");
  }
}
