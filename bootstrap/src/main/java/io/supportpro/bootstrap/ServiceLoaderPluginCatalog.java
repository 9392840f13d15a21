package io.supportpro.bootstrap;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The plugins found on the class path when the process starts, ordered by name. */
final class ServiceLoaderPluginCatalog implements PluginCatalog {
  private final List<Plugin> plugins;

  ServiceLoaderPluginCatalog(ClassLoader classLoader) {
    plugins =
        ServiceLoader.load(Plugin.class, classLoader).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(p -> p.descriptor().name()))
            .toList();
    long distinct = plugins.stream().map(p -> p.descriptor().id()).distinct().count();
    if (distinct != plugins.size()) {
      throw new IllegalStateException("Two plugins on the class path have the same id.");
    }
  }

  @Override
  public List<Plugin> plugins() {
    return plugins;
  }
}
