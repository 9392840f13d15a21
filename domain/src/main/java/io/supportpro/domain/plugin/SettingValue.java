package io.supportpro.domain.plugin;

import java.util.Objects;

/** A saved setting value, marked when it is secret so that it is never printed. */
public record SettingValue(String value, boolean secret) {
  public SettingValue {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return secret ? "SettingValue[secret]" : "SettingValue[" + value + "]";
  }
}
