package io.supportpro.adapter.in.web.testing;

import io.supportpro.adapter.in.web.testing.TestPlugins.Outcome;
import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.SecondFactorMethod;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingDefinition.Kind;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.CodeField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plugin whose second factor is a code typed on the panel's own page, asked for in the plugin's
 * words: its provider accepts {@value #RIGHT_CODE} while {@link #answer} lets it. It has no
 * connection test.
 */
public final class CodePlugin implements Plugin {
  public static final PluginId ID = new PluginId("example-code");
  public static final String NAME = "Example Code";
  public static final String DELIVERY = "delivery";

  /** The one code the provider accepts. */
  public static final String RIGHT_CODE = "246810";

  /** How the code step asks for the code. */
  public static final CodeField FIELD =
      new CodeField(
          "Confirm with Example Code",
          "Enter the code that Example Code sent to your phone.",
          "Code from Example Code");

  public static final String WRONG_CODE =
      "That code is not right. Check the latest message from Example Code.";
  public static final String DENIED = "Example Code refused this sign-in. Ask an administrator.";
  public static final String UNREACHABLE =
      "Example Code cannot be reached right now. Try again in a few minutes.";

  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          ID,
          NAME,
          "Confirms operator sign-ins with a code that Example Code sends.",
          "2.1.0",
          "SupportPro",
          List.of(
              new SettingDefinition(
                  DELIVERY,
                  "Delivery",
                  "How codes reach operators.",
                  Kind.CHOICE,
                  "sms",
                  List.of("sms", "voice"))));

  private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.ALLOW);
  private final Method method = new Method();

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Optional<SecondFactorMethod> secondFactor() {
    return Optional.of(method);
  }

  /** How the provider answers the codes checked from now on. */
  public void answer(Outcome next) {
    outcome.set(next);
  }

  /** The code step, over the scripted provider. */
  private final class Method implements CodeMethod {
    @Override
    public CodeField field() {
      return FIELD;
    }

    @Override
    public StepOutcome.Checked check(PluginSettings settings, Attempt attempt) {
      return switch (outcome.get()) {
        case UNAVAILABLE -> new StepOutcome.Unavailable("unreachable", UNREACHABLE, "", false);
        case DENY -> new StepOutcome.Refused("denied", DENIED, "");
        case ALLOW ->
            attempt.code().equals(RIGHT_CODE)
                ? new StepOutcome.Passed(
                    Map.of(
                        "second_factor",
                        ID.value(),
                        DELIVERY,
                        settings.get(DELIVERY).map(SettingValue::value).orElse("")))
                : new StepOutcome.Refused("wrong_code", WRONG_CODE, "");
      };
    }
  }
}
