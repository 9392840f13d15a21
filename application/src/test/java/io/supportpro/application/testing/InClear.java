package io.supportpro.application.testing;

import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saved settings as the core hands them to a method: each secret decrypted, still marked secret.
 */
public final class InClear {
  private InClear() {}

  /** The settings with their secrets decrypted by the cipher that encrypted them. */
  public static PluginSettings decrypted(PluginSettings saved, SecretCipher cipher) {
    Map<String, SettingValue> values = new TreeMap<>();
    saved
        .values()
        .forEach(
            (key, value) ->
                values.put(
                    key,
                    value.secret()
                        ? new SettingValue(cipher.decrypt(value.value()), true)
                        : value));
    return new PluginSettings(values);
  }
}
