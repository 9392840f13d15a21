package io.supportpro.application.port.in;

/** Uninstalls a plugin, deleting its settings, per-operator data and installed record. */
public interface UninstallPluginUseCase {
  /** Takes the action if the plugin's state allows it, atomically and audited. */
  PluginTransitionResult uninstall(PluginCommand command);
}
