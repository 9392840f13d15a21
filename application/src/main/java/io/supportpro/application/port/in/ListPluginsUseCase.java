package io.supportpro.application.port.in;

import io.supportpro.domain.plugin.PluginId;
import java.util.List;
import java.util.Optional;

/** Lists the plugins this installation ships with and where each stands. */
public interface ListPluginsUseCase {
  /** Every plugin with its state, ordered by name. */
  List<PluginOverview> list();

  /** One plugin with its state. */
  Optional<PluginOverview> find(PluginId plugin);
}
