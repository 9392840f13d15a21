package io.supportpro.application.port.in;

/** The outcome of enabling or disabling a plugin for an operator. */
public sealed interface PluginOperatorResult {
  /**
   * Stored (also when it already was so); {@code notice} is what became of the e-mail telling the
   * operator.
   */
  record Changed(OperatorChoice choice, NoticeEmail notice) implements PluginOperatorResult {}

  /** Nothing changed: the plugin is unknown or not active. */
  record NotActive() implements PluginOperatorResult {}

  /**
   * Nothing changed: the plugin cannot be enabled for anyone until its settings are complete and
   * pass its checks.
   */
  record NotConfigured() implements PluginOperatorResult {}

  /** No operator has that identity. */
  record UnknownOperator() implements PluginOperatorResult {}
}
