package io.supportpro.domain.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin says about itself: who it is, what it does, which settings it takes, and the steps
 * that tell an administrator where to find their values (shown above the settings form).
 */
public record PluginDescriptor(
    PluginId id,
    String name,
    String description,
    String version,
    String author,
    List<SettingDefinition> settings,
    List<String> setupSteps) {
  /** A plugin whose settings need no directions. */
  public PluginDescriptor(
      PluginId id,
      String name,
      String description,
      String version,
      String author,
      List<SettingDefinition> settings) {
    this(id, name, description, version, author, settings, List.of());
  }

  public PluginDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(author, "author");
    settings = List.copyOf(settings);
    setupSteps = List.copyOf(setupSteps);
    if (settings.stream().map(SettingDefinition::key).distinct().count() != settings.size()) {
      throw new IllegalArgumentException("Each setting of a plugin has its own key.");
    }
  }

  /** The definition of the setting with this key, if the plugin has one. */
  public Optional<SettingDefinition> setting(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
