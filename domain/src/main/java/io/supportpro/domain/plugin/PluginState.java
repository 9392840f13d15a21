package io.supportpro.domain.plugin;

/** Where a plugin stands in its lifecycle. */
public enum PluginState {
  /** On the class path but not installed: it has no data. */
  AVAILABLE,
  /** Installed with its configuration kept, but not running. */
  INACTIVE,
  /** Installed and running. */
  ACTIVE;

  /** True when the plugin has an installed record (and possibly data). */
  public boolean isInstalled() {
    return this != AVAILABLE;
  }
}
