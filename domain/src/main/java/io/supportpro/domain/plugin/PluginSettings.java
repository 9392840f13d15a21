package io.supportpro.domain.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

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

  /**
   * The settings with each secret value turned by the function (for instance decrypted), still
   * marked secret so that it never prints; the other values as they are.
   */
  public PluginSettings withSecrets(UnaryOperator<String> turn) {
    Map<String, SettingValue> turned = new TreeMap<>();
    values.forEach(
        (key, value) ->
            turned.put(
                key, value.secret() ? new SettingValue(turn.apply(value.value()), true) : value));
    return new PluginSettings(turned);
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
