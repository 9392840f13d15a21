package io.supportpro.domain.plugin;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import java.util.Objects;
import java.util.regex.Pattern;

/** The identifier of a plugin, such as {@code webauthn}; also its address in the panel. */
public record PluginId(String value) {
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public PluginId {
    Objects.requireNonNull(value, "plugin id");
    if (value.length() > 64 || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          Problem.Code.PLUGIN_ID_MALFORMED,
          "A plugin id has up to 64 lower-case letters and digits in dash-separated words.");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
