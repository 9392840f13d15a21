package io.supportpro.application.port.in;

/** Stops an active plugin from running and keeps all of its data. */
public interface DeactivatePluginUseCase {
  /** Takes the action if the plugin's state allows it, atomically and audited. */
  PluginTransitionResult deactivate(PluginCommand command);
}
