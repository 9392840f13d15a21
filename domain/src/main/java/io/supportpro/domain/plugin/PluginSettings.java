package io.supportpro.domain.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The saved settings of one plugin, by key. */
public record PluginSettings(Map<String, SettingValue> values) {
  /** No settings saved. */
  public static final PluginSettings EMPTY = new PluginSettings(Map.of());

  public PluginSettings {
    values = Map.copyOf(values);
  }

  /** The saved value of the key, if any. */
  public Optional<SettingValue> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The keys with their values, secret values replaced by a mark: safe for logs and audit. */
  public Map<String, String> redacted() {
    Map<String, String> shown = new TreeMap<>();
    values.forEach((key, value) -> shown.put(key, value.secret() ? "[secret]" : value.value()));
    return shown;
  }

  @Override
  public String toString() {
    return "PluginSettings" + redacted();
  }
}
