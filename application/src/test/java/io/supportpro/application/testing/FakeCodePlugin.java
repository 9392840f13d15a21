package io.supportpro.application.testing;

import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.SecondFactorMethod;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingDefinition.Kind;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.secondfactor.CodeField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plugin whose second factor is a code typed on the panel's page: the one code its secret setting
 * holds, checked by a provider that tests can take down and watch.
 */
public final class FakeCodePlugin implements Plugin {
  /** The plugin's id, as the domain's fixtures name a plugin's code. */
  public static final PluginId ID = new PluginId("example-code");

  /** The key of the secret setting that holds the code. */
  public static final String CODE = "code";

  /** The code the tests save. */
  public static final String THE_CODE = "example-code-4711";

  /** How the panel's page asks for the code. */
  public static final CodeField FIELD =
      new CodeField("Example code", "Enter the code from your example card.", "Example code");

  public static final String WRONG_CODE = "That example code is not right.";
  public static final String UNAVAILABLE = "Example codes cannot be checked right now.";

  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          ID,
          "Example code",
          "Confirms sign-ins with a code typed on the panel's page.",
          "1.0.0",
          "Example",
          List.of(
              new SettingDefinition(CODE, "Code", "The one code.", Kind.SECRET, "", List.of())));

  private final Method method = new Method();
  private final List<CodeMethod.Attempt> checked = new CopyOnWriteArrayList<>();
  private final List<PluginSettings> settingsSeen = new CopyOnWriteArrayList<>();
  private volatile boolean available = true;
  private volatile Runnable duringCheck = () -> {};

  /** Settings as the settings page stores them, the code encrypted by the cipher. */
  public static PluginSettings saved(SecretCipher cipher) {
    return new PluginSettings(Map.of(CODE, new SettingValue(cipher.encrypt(THE_CODE), true)));
  }

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    return typed.getOrDefault(CODE, "").isEmpty() && !secretSaved.getOrDefault(CODE, false)
        ? new SettingsCheck(Map.of(CODE, "Enter the code."), Map.of())
        : SettingsCheck.CLEAN;
  }

  @Override
  public Optional<SecondFactorMethod> secondFactor() {
    return Optional.of(method);
  }

  /** Whether the provider checks codes from now on, or is unavailable. */
  public void available(boolean now) {
    available = now;
  }

  /** Runs while a code is being checked, before the answer. */
  public void duringCheck(Runnable action) {
    duringCheck = action;
  }

  /** The codes the panel had checked, oldest first. */
  public List<CodeMethod.Attempt> checked() {
    return List.copyOf(checked);
  }

  /** The settings each check was given, oldest first. */
  public List<PluginSettings> settingsSeen() {
    return List.copyOf(settingsSeen);
  }

  /** The code check, as the panel drives it. */
  private final class Method implements CodeMethod {
    @Override
    public CodeField field() {
      return FIELD;
    }

    @Override
    public StepOutcome.Checked check(PluginSettings settings, Attempt attempt) {
      checked.add(attempt);
      settingsSeen.add(settings);
      duringCheck.run();
      if (!available) {
        return new StepOutcome.Unavailable("unreachable", UNAVAILABLE, "no answer", false);
      }
      String code = settings.get(CODE).map(SettingValue::value).orElse("");
      return !code.isEmpty() && attempt.code().strip().equals(code)
          ? new StepOutcome.Passed(Map.of("second_factor", ID.value()))
          : new StepOutcome.Refused("wrong_code", WRONG_CODE, "");
    }
  }
}
