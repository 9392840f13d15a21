package io.supportpro.domain.secondfactor;

import io.supportpro.domain.plugin.PluginId;

/** How the Duo Security plugin is known to the rest of the panel. */
public final class DuoPlugin {
  /** The plugin's id, also its address under {@code /admin/plugins/}. */
  public static final PluginId ID = new PluginId("duo-security");

  /** The per-operator value that says Duo is enabled for that operator ({@code "true"}). */
  public static final String ENABLED_KEY = "enabled";

  private DuoPlugin() {}
}
