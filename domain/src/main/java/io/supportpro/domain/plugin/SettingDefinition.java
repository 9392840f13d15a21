package io.supportpro.domain.plugin;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One setting a plugin asks for: its key, how it is shown, whether it is secret (write-only,
 * encrypted at rest, never shown or logged) and its default.
 */
public record SettingDefinition(
    String key, String label, String help, Kind kind, String defaultValue, List<String> choices) {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** How a setting is entered. */
  public enum Kind {
    TEXT,
    SECRET,
    CHOICE,
    NUMBER
  }

  public SettingDefinition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(defaultValue, "defaultValue");
    choices = List.copyOf(choices);
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("A setting key has lower-case letters, digits and _.");
    }
    if ((kind == Kind.CHOICE) == choices.isEmpty()) {
      throw new IllegalArgumentException("Only a choice setting has choices, and it needs some.");
    }
    if (kind == Kind.CHOICE && !choices.contains(defaultValue)) {
      throw new IllegalArgumentException("The default of a choice setting is one of its choices.");
    }
    if (kind == Kind.SECRET && !defaultValue.isEmpty()) {
      throw new IllegalArgumentException("A secret setting has no default.");
    }
  }

  /** True when the value is write-only, encrypted at rest and never shown. */
  public boolean secret() {
    return kind == Kind.SECRET;
  }
}
