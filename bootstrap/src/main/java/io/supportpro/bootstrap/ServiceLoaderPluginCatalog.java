package io.supportpro.bootstrap;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The plugins found on the class path when the process starts, ordered by name. A plugin that needs
 * the server's configuration is built by the composition root and given here; it takes the place of
 * the class path's instance of its class.
 */
final class ServiceLoaderPluginCatalog implements PluginCatalog {
  private final List<Plugin> plugins;

  ServiceLoaderPluginCatalog(ClassLoader classLoader, List<Plugin> configured) {
    plugins =
        ServiceLoader.load(Plugin.class, classLoader).stream()
            .map(
                provider ->
                    configured.stream()
                        .filter(plugin -> plugin.getClass() == provider.type())
                        .findFirst()
                        .orElseGet(provider::get))
            // By the English name: a plugin with a bundle names a key in its descriptor.
            .sorted(Comparator.comparing(p -> p.words(Locale.ENGLISH).text(p.descriptor().name())))
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
