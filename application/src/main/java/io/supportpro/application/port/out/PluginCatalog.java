package io.supportpro.application.port.out;

import io.supportpro.domain.plugin.PluginId;
import java.util.List;
import java.util.Optional;

/** The plugins this installation ships with, installed or not. */
public interface PluginCatalog {
  /** Every plugin, ordered by name. */
  List<Plugin> plugins();

  /** The plugin with this id. */
  default Optional<Plugin> find(PluginId id) {
    return plugins().stream().filter(p -> p.descriptor().id().equals(id)).findFirst();
  }
}
