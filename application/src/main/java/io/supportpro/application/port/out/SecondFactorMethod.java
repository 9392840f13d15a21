package io.supportpro.application.port.out;

import io.supportpro.domain.plugin.PluginSettings;

/**
 * A second factor that a plugin offers in place of the built-in one, for the operators it is
 * enabled for. A method either asks for a code on the panel's own page ({@link CodeMethod}) or
 * sends the browser to a prompt elsewhere and takes its answer back ({@link PromptMethod}). The
 * panel keeps the session, the single-use state, throttling, audit and the fail-open decision's
 * consequences; the method knows its provider, its settings and what its failures mean.
 *
 * <p>Settings reach a method as saved, with secret values decrypted; {@link PluginSettings} never
 * prints them.
 */
public sealed interface SecondFactorMethod permits CodeMethod, PromptMethod {
  /**
   * Whether the method applies to an operator the plugin is active and enabled for, given its saved
   * settings: by default once any are saved. A method whose saved settings no longer pass its
   * checks should still apply, and refuse at the step, so that a configuration mistake never turns
   * into a sign-in with the password only.
   */
  default boolean appliesWith(PluginSettings saved) {
    return !saved.values().isEmpty();
  }
}
