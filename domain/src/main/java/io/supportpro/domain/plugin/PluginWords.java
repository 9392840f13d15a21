package io.supportpro.domain.plugin;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * A plugin's own words in one language: a text its bundle has a key for is read from the bundle,
 * any other text is shown as the plugin wrote it. A plugin that ships no bundle therefore keeps
 * working with the literal texts of its descriptor and messages, and the panel's own messages,
 * which no plugin bundle holds, pass through unchanged.
 */
@FunctionalInterface
public interface PluginWords {
  /** The words of a plugin that ships no bundle: every text as written. */
  PluginWords AS_WRITTEN = text -> text;

  /** The text for a key of the plugin's bundle, or the text itself when it is no such key. */
  String text(String keyOrText);

  /** The words of a bundle; its base bundle holds the English. */
  static PluginWords of(ResourceBundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    return text -> bundle.containsKey(text) ? bundle.getString(text) : text;
  }

  /** These words, else the next ones: the first that has a key for a text words it. */
  default PluginWords orElse(PluginWords next) {
    return text -> {
      String own = text(text);
      return own.equals(text) ? next.text(text) : own;
    };
  }

  /**
   * The descriptor with every text in these words: name, description, set-up steps, and each
   * setting's label, help, consequences and choice descriptions. Keys, kinds, defaults and choice
   * values stay as they are, since they are what is saved.
   */
  default PluginDescriptor descriptor(PluginDescriptor descriptor) {
    return new PluginDescriptor(
        descriptor.id(),
        text(descriptor.name()),
        text(descriptor.description()),
        descriptor.version(),
        descriptor.author(),
        descriptor.settings().stream().map(this::setting).toList(),
        descriptor.setupSteps().stream().map(this::text).toList());
  }

  private SettingDefinition setting(SettingDefinition setting) {
    Map<String, String> confirmations = new HashMap<>(setting.confirmations());
    confirmations.replaceAll((choice, consequence) -> text(consequence));
    Map<String, SettingDefinition.ChoiceDescription> descriptions =
        new HashMap<>(setting.descriptions());
    descriptions.replaceAll(
        (choice, described) ->
            new SettingDefinition.ChoiceDescription(
                text(described.label()), text(described.description())));
    return new SettingDefinition(
        setting.key(),
        text(setting.label()),
        text(setting.help()),
        setting.kind(),
        setting.defaultValue(),
        setting.choices(),
        confirmations,
        setting.required(),
        setting.advanced(),
        descriptions);
  }

  /** The findings with every problem and warning in these words. */
  default SettingsCheck check(SettingsCheck check) {
    Map<String, String> problems = new HashMap<>(check.problems());
    problems.replaceAll((key, problem) -> text(problem));
    Map<String, String> warnings = new HashMap<>(check.warnings());
    warnings.replaceAll((key, warning) -> text(warning));
    return new SettingsCheck(problems, warnings);
  }
}
