package io.supportpro.application.port.in;

/** Activates an installed plugin after its activation hook agrees. */
public interface ActivatePluginUseCase {
  /** Takes the action if the plugin's state allows it, atomically and audited. */
  PluginTransitionResult activate(PluginCommand command);
}
