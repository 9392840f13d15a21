package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every plugin's code method must do, whatever its codes are: a worded field, the right code
 * passed, and nothing else passed, thrown or carrying a secret back.
 */
public abstract class CodeMethodContract {
  /** The plugin whose method is held to the contract. */
  protected abstract Plugin plugin();

  /** Complete settings, secrets in clear, as the core hands them to the method. */
  protected abstract PluginSettings settings();

  /** The operator who signs in. */
  protected abstract Operator operator();

  /** A code the method accepts for the operator now. */
  protected abstract String rightCode();

  private CodeMethod method() {
    return (CodeMethod) plugin().secondFactor().orElseThrow();
  }

  private StepOutcome.Checked check(PluginSettings settings, String code) {
    return method().check(settings, new CodeMethod.Attempt(operator(), code, "192.0.2.1"));
  }

  @Test
  void field_tellsTheOperatorWhatToType() {
    assertThat(method().field().title()).isNotBlank();
    assertThat(method().field().instructions()).isNotBlank();
    assertThat(method().field().label()).isNotBlank();
  }

  @Test
  void check_theRightCode_passes() {
    assertThat(check(settings(), rightCode())).isInstanceOf(StepOutcome.Passed.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "000000", "wrong", "\u0000", "<script>", "%00"})
  void check_aWrongCode_isRefusedNotPassed(String code) {
    assertThat(check(settings(), code)).isNotInstanceOf(StepOutcome.Passed.class);
  }

  @Test
  void check_aHugeCode_neverPassesNorThrows() {
    String huge = rightCode().repeat(10_000);

    assertThatCode(() -> check(settings(), huge)).doesNotThrowAnyException();
    assertThat(check(settings(), huge)).isNotInstanceOf(StepOutcome.Passed.class);
  }

  @Test
  void check_withoutSettings_neverPasses() {
    assertThat(check(PluginSettings.EMPTY, rightCode())).isNotInstanceOf(StepOutcome.Passed.class);
  }

  @Test
  void noOutcome_carriesASecretOfTheSettings() {
    for (SettingValue value : settings().values().values()) {
      if (value.secret()) {
        assertThat(check(settings(), "wrong").toString()).doesNotContain(value.value());
        assertThat(check(settings(), rightCode()).toString()).doesNotContain(value.value());
      }
    }
  }
}
