package io.supportpro.application.port.in;

import java.util.Set;

/** Completes a sign-in when the browser comes back from a second factor's prompt. */
public interface CompletePromptUseCase {
  /** Takes the state once, checks the browser and the age, and has the method verify the answer. */
  PromptCallbackResult complete(PromptCallbackCommand command);

  /**
   * The paths under the panel's address that prompts send browsers back to: the shared one and
   * those plugins keep for their providers. Each is served the same way.
   */
  Set<String> callbackPaths();
}
