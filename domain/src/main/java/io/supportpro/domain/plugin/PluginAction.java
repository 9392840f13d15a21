package io.supportpro.domain.plugin;

/** What an administrator can ask of a plugin. */
public enum PluginAction {
  INSTALL,
  ACTIVATE,
  DEACTIVATE,
  UNINSTALL
}
