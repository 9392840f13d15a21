package io.supportpro.application.port.in;

/** Installs an available plugin with an empty configuration. */
public interface InstallPluginUseCase {
  /** Takes the action if the plugin's state allows it, atomically and audited. */
  PluginTransitionResult install(PluginCommand command);
}
