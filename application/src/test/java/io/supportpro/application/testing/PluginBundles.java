package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.plugin.PluginWords;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check every plugin that ships a bundle calls from its own test: English and German have the
 * same keys, each with a text, every key starts with the plugin's id, and every text of its
 * descriptor and every message it names is a key of the bundle.
 */
public final class PluginBundles {
  /** The languages the panel speaks, which every plugin bundle covers. */
  public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

  private PluginBundles() {}

  /**
   * Asserts that the plugin's bundle is complete in every language for its descriptor and for the
   * {@code messages} it may return (settings problems, step refusals, connection test results).
   */
  public static void assertComplete(Plugin plugin, Collection<String> messages) {
    assertThat(plugin.bundleBaseName()).as("the plugin's bundle").isPresent();
    String prefix = plugin.descriptor().id().value() + ".";
    Set<String> english = keys(plugin, Locale.ENGLISH);
    for (Locale language : LANGUAGES) {
      ResourceBundle bundle = plugin.bundle(language).orElseThrow();
      if (!language.equals(Locale.ENGLISH)) {
        assertThat(bundle.getLocale().getLanguage())
            .as("a bundle of its own")
            .isEqualTo(language.getLanguage());
      }
      assertThat(keys(plugin, language)).as("the keys in %s", language).isEqualTo(english);
      for (String key : english) {
        assertThat(bundle.getString(key)).as("%s in %s", key, language).isNotBlank();
      }
    }
    assertThat(english).allSatisfy(key -> assertThat(key).startsWith(prefix));
    Set<String> used = new TreeSet<>(descriptorTexts(plugin));
    used.addAll(messages);
    assertThat(english).as("the keys the plugin uses").containsAll(used);
  }

  /** Every text the plugin's descriptor shows, as it wrote them. */
  public static Set<String> descriptorTexts(Plugin plugin) {
    Set<String> texts = new TreeSet<>();
    PluginWords recording =
        text -> {
          texts.add(text);
          return text;
        };
    recording.descriptor(plugin.descriptor());
    return texts;
  }

  private static Set<String> keys(Plugin plugin, Locale language) {
    return new TreeSet<>(Collections.list(plugin.bundle(language).orElseThrow().getKeys()));
  }
}
