package io.supportpro.application.port.in;

/** The outcome of enabling or disabling a plugin for many operators at once. */
public sealed interface PluginOperatorsResult {
  /** Stored for every operator covered; {@code count} of them changed. */
  record Changed(long count) implements PluginOperatorsResult {}

  /** Nothing changed: the plugin is unknown or not active. */
  record NotActive() implements PluginOperatorsResult {}

  /**
   * Nothing changed: the plugin cannot be enabled for anyone until its settings are complete and
   * pass its checks.
   */
  record NotConfigured() implements PluginOperatorsResult {}
}
