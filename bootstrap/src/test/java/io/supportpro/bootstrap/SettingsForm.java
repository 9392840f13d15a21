package io.supportpro.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

/** A plugin's settings form as a test fills it in. */
final class SettingsForm {
  private SettingsForm() {}

  /** Settings by key, as the settings form names its fields. */
  static Map<String, String> fields(Map<String, String> settings) {
    Map<String, String> fields = new LinkedHashMap<>();
    settings.forEach((key, value) -> fields.put("setting-" + key, value));
    return fields;
  }
}
