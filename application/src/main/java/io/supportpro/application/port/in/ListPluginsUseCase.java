package io.supportpro.application.port.in;

import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginWords;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lists the plugins this installation ships with and where each stands, and reads their words in
 * the page's language.
 */
public interface ListPluginsUseCase {
  /** Every plugin with its state, ordered by name. */
  List<PluginOverview> list();

  /** One plugin with its state. */
  Optional<PluginOverview> find(PluginId plugin);

  /** One plugin's words in a language; every text as written for a plugin not shipped. */
  PluginWords words(PluginId plugin, Locale locale);

  /**
   * The words of every plugin in a language, for a plugin's message on a page that does not know
   * which plugin gave it (such as a refused sign-in).
   */
  PluginWords words(Locale locale);
}
