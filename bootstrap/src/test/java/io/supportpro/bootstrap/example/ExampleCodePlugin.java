package io.supportpro.bootstrap.example;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.SecondFactorMethod;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An example plugin whose second factor is a code typed on the panel's page: the code that one
 * secret, shared by the panel and an example token, gives for the current 30 seconds.
 */
public final class ExampleCodePlugin implements Plugin {
  /** The plugin's id, also its address under {@code /admin/plugins/}. */
  public static final PluginId ID = new PluginId("example-code");

  /** The key of the secret setting. */
  public static final String SECRET = "secret";

  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          ID,
          "example-code.name",
          "example-code.description",
          "1.0.0",
          "SupportPro",
          List.of(
              new SettingDefinition(
                  SECRET,
                  "example-code.secret.label",
                  "example-code.secret.help",
                  SettingDefinition.Kind.SECRET,
                  "",
                  List.of())));

  private final ExampleCodeMethod method = new ExampleCodeMethod();

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Optional<String> bundleBaseName() {
    return Optional.of("io/supportpro/bootstrap/example/code-messages");
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    String secret = typed.getOrDefault(SECRET, "");
    if (secret.isEmpty()) {
      return secretSaved.getOrDefault(SECRET, false)
          ? SettingsCheck.CLEAN
          : problem("example-code.check.secret.missing");
    }
    try {
      TotpSecret.fromBase32(secret);
      return SettingsCheck.CLEAN;
    } catch (IllegalArgumentException e) {
      return problem("example-code.check.secret.malformed");
    }
  }

  private static SettingsCheck problem(String problem) {
    return new SettingsCheck(Map.of(SECRET, problem), Map.of());
  }

  @Override
  public Optional<SecondFactorMethod> secondFactor() {
    return Optional.of(method);
  }

  /** The code the example token shows now for this secret. */
  public static String tokenCode(String secret) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(Instant.now()));
  }
}
