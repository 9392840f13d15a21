package io.supportpro.application.port.out;

import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginWords;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * A plugin as the application drives it: it describes itself, checks its settings, may veto its
 * activation, and may offer a second factor and a connection test. Plugins are found on the class
 * path through {@link java.util.ServiceLoader}, so an implementation has a public no-argument
 * constructor.
 *
 * <p>A plugin speaks the panel's languages through a message bundle of its own ({@link
 * #bundleBaseName()}): the texts of its descriptor and the messages it returns (settings problems
 * and warnings, activation problems, connection test results, a code page's words, refusal
 * messages) are then keys of that bundle, whose base file holds the English. Its keys begin with
 * the plugin's id, so that a message found among every plugin's words is the right plugin's. A
 * plugin without a bundle writes those texts in English, and they are shown as written.
 */
public interface Plugin {
  // Without a fallback to the JVM's default locale, an English request on a German machine still
  // reads the base (English) bundle.
  private static ResourceBundle.Control noDefaultLocale() {
    return ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
  }

  /** Who the plugin is and which settings it takes; its texts are keys of its bundle, if any. */
  PluginDescriptor descriptor();

  /**
   * The base name of the plugin's message bundle in its own jar, such as {@code
   * com/example/messages} for {@code com/example/messages.properties} (English) and {@code
   * messages_de.properties} (German), UTF-8; empty when its texts are written in place.
   */
  default Optional<String> bundleBaseName() {
    return Optional.empty();
  }

  /**
   * The plugin's bundle for a language, read through the plugin's own class loader (English for a
   * language it does not ship); empty when it ships none.
   */
  default Optional<ResourceBundle> bundle(Locale locale) {
    return bundleBaseName()
        .map(
            baseName ->
                ResourceBundle.getBundle(
                    baseName, locale, getClass().getClassLoader(), noDefaultLocale()));
  }

  /** The plugin's words in a language: its bundle's texts, or its texts as written. */
  default PluginWords words(Locale locale) {
    return bundle(locale).map(PluginWords::of).orElse(PluginWords.AS_WRITTEN);
  }

  /**
   * The activation hook: why the plugin cannot be activated with these saved settings, or empty
   * when it can.
   */
  default Optional<String> activationProblem(PluginSettings saved) {
    return Optional.empty();
  }

  /**
   * Checks settings as an administrator typed them, beyond what their definitions already imply;
   * {@code secretSaved} tells whether each secret setting already has a saved value (an empty field
   * then keeps it).
   */
  default SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    return SettingsCheck.CLEAN;
  }

  /**
   * The second factor the plugin offers, if any: it is enabled per operator, from the plugin's
   * operators page, and replaces the built-in 2FA for them while the plugin is active.
   */
  default Optional<SecondFactorMethod> secondFactor() {
    return Optional.empty();
  }

  /** The test that settings reach the plugin's provider, if it has one. */
  default Optional<ConnectionTest> connectionTest() {
    return Optional.empty();
  }
}
