package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.domain.plugin.PluginId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link PluginCatalog} must do. */
public abstract class PluginCatalogContract {
  /** The catalog under test; it lists at least one plugin. */
  protected abstract PluginCatalog catalog();

  @Test
  void plugins_haveDistinctIdsAndAreOrderedByName() {
    List<Plugin> plugins = catalog().plugins();

    assertThat(plugins).isNotEmpty();
    assertThat(plugins).extracting(p -> p.descriptor().id()).doesNotHaveDuplicates();
    assertThat(plugins)
        .extracting(p -> p.descriptor().name())
        .isSortedAccordingTo(String::compareTo);
  }

  @Test
  void find_returnsThePluginOfThatIdOnly() {
    PluginCatalog catalog = catalog();
    Plugin first = catalog.plugins().getFirst();

    assertThat(catalog.find(first.descriptor().id())).containsSame(first);
    assertThat(catalog.find(new PluginId("no-such-plugin"))).isEmpty();
  }
}
