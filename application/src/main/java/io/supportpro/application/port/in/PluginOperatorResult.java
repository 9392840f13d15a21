package io.supportpro.application.port.in;

/** The outcome of enabling or disabling a plugin for an operator. */
public sealed interface PluginOperatorResult {
  /** Stored (also when it already was so). */
  record Changed(OperatorChoice choice) implements PluginOperatorResult {}

  /** Nothing changed: the plugin is unknown or not active. */
  record NotActive() implements PluginOperatorResult {}

  /** No operator has that identity. */
  record UnknownOperator() implements PluginOperatorResult {}
}
