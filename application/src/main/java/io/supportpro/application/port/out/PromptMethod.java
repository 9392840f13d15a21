package io.supportpro.application.port.out;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import java.net.URI;
import java.util.Map;

/**
 * A second factor passed at a prompt outside the panel: the browser is sent there with a single-use
 * state and comes back to the panel's callback address with it and the prompt's answer. The panel
 * makes, stores and checks the state; the method builds the prompt's address and verifies the
 * answer.
 */
public non-sealed interface PromptMethod extends SecondFactorMethod {
  /**
   * Where the panel takes the browser back, under its public address, unless a method names one.
   */
  String CALLBACK_PATH = "/login/callback";

  /**
   * The path under the panel's public address that the prompt sends the browser back to. Every such
   * path is served by the same callback, which finds the sign-in by its state; a method names its
   * own only to keep an address its provider already knows.
   */
  default String callbackPath() {
    return CALLBACK_PATH;
  }

  /**
   * Prepares the prompt for the operator, carrying {@code state} (URL-safe, at least 22 characters)
   * and sending the browser back to {@code callbackUri}. It may ask the provider whether it is up
   * first; when it is not, the outcome says whether the settings let the operator in with the
   * password only.
   */
  StepOutcome.Started start(
      PluginSettings settings, Operator operator, String state, URI callbackUri);

  /**
   * Verifies what the browser brought back from the prompt (every query parameter but the state)
   * for the subject {@link StepOutcome.Prompt} named. After the redirect no failure may let anyone
   * in: an {@link StepOutcome.Unavailable} here is always refused, whatever it says of fail-open.
   */
  StepOutcome.Checked complete(
      PluginSettings settings, Map<String, String> answer, String subject, URI callbackUri);
}
