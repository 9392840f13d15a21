package io.supportpro.bootstrap.example;

import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.CodeField;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The example token's code, checked against the saved secret and the time now. */
final class ExampleCodeMethod implements CodeMethod {
  // Keys of the plugin's bundle.
  static final CodeField FIELD =
      new CodeField(
          "example-code.field.title",
          "example-code.field.instructions",
          "example-code.field.label");
  static final String WRONG = "example-code.step.wrong";
  static final String NOT_CONFIGURED = "example-code.step.not-configured";

  @Override
  public CodeField field() {
    return FIELD;
  }

  @Override
  public StepOutcome.Checked check(PluginSettings settings, Attempt attempt) {
    Optional<String> secret = settings.get(ExampleCodePlugin.SECRET).map(SettingValue::value);
    if (secret.isEmpty()) {
      return new StepOutcome.Refused("not_configured", NOT_CONFIGURED, "no secret saved");
    }
    // The panel keeps no state for a plugin's codes, so a code may be used again in its window.
    return switch (Totp.verify(
        TotpSecret.fromBase32(secret.get()), attempt.code(), Instant.now(), OptionalLong.empty())) {
      case Totp.Check.Accepted accepted ->
          new StepOutcome.Passed(Map.of("second_factor", ExampleCodePlugin.ID.value()));
      case Totp.Check.Rejected rejected ->
          new StepOutcome.Refused(rejected.reason().name().toLowerCase(Locale.ROOT), WRONG, "");
    };
  }
}
