package io.supportpro.application.testing;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import java.util.Comparator;
import java.util.List;

/** A fixed list of plugins, for tests of the core. */
public final class InMemoryPluginCatalog implements PluginCatalog {
  private final List<Plugin> plugins;

  public InMemoryPluginCatalog(List<Plugin> plugins) {
    this.plugins =
        plugins.stream().sorted(Comparator.comparing(p -> p.descriptor().name())).toList();
  }

  @Override
  public List<Plugin> plugins() {
    return plugins;
  }
}
