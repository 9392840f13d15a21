package io.supportpro.domain.plugin;

import io.supportpro.domain.Text;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is wrong with settings as typed: problems that prevent saving, and warnings that do not,
 * each by the key of the setting it concerns.
 */
public record SettingsCheck(Map<String, String> problems, Map<String, String> warnings) {
  /** Nothing to say. */
  public static final SettingsCheck CLEAN = new SettingsCheck(Map.of(), Map.of());

  public SettingsCheck {
    problems = Map.copyOf(problems);
    warnings = Map.copyOf(warnings);
  }

  /** True when the settings may be saved. */
  public boolean acceptable() {
    return problems.isEmpty();
  }

  /**
   * The checks every plugin's settings get from their definitions: a choice is one of its choices,
   * a number is a whole number, and no value holds control characters or is too long.
   */
  public static SettingsCheck basic(PluginDescriptor descriptor, Map<String, String> values) {
    Map<String, String> problems = new TreeMap<>();
    for (SettingDefinition setting : descriptor.settings()) {
      String value = values.getOrDefault(setting.key(), "");
      if (value.length() > SettingValue.MAX_LENGTH) {
        problems.put(setting.key(), "This value is too long.");
      } else if (setting.kind() != SettingDefinition.Kind.SECRET
          // Line breaks may separate list items (such as certificate pins); nothing else unseen.
          && Text.hasControlCharacter(value.replace("\n", "").replace("\r", ""))) {
        problems.put(setting.key(), "This value cannot hold control characters.");
      } else if (setting.kind() == SettingDefinition.Kind.CHOICE
          && !setting.choices().contains(value)) {
        problems.put(setting.key(), "Choose one of: " + String.join(", ", setting.choices()) + ".");
      } else if (setting.kind() == SettingDefinition.Kind.NUMBER
          && !value.isEmpty()
          && !value.matches("\\d{1,9}")) {
        problems.put(setting.key(), "Enter a whole number.");
      }
    }
    return new SettingsCheck(problems, Map.of());
  }

  /** These findings together with another check's. */
  public SettingsCheck and(SettingsCheck other) {
    Map<String, String> allProblems = new TreeMap<>(other.problems);
    allProblems.putAll(problems);
    Map<String, String> allWarnings = new TreeMap<>(other.warnings);
    allWarnings.putAll(warnings);
    return new SettingsCheck(allProblems, allWarnings);
  }
}
