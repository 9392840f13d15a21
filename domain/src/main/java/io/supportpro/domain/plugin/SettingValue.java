package io.supportpro.domain.plugin;

import java.util.Objects;

/** A saved setting value, marked when it is secret so that it is never printed. */
public record SettingValue(String value, boolean secret) {
  /** The most characters a value may have, as typed (an encrypted secret takes more room). */
  public static final int MAX_LENGTH = 2_000;

  public SettingValue {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return secret ? "SettingValue[secret]" : "SettingValue[" + value + "]";
  }
}
