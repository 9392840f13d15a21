package io.supportpro.bootstrap;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.PanelSteps;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.adapter.in.web.testing.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pages of any plugin, beyond the lifecycle and the settings form, as steps a test takes: the
 * operators page of a plugin that offers a second factor, and Test connection. The answers are
 * returned unfollowed.
 */
final class PluginPages {
  private PluginPages() {}

  /** The page that enables the plugin's second factor per operator. */
  static String operatorsPage(String plugin) {
    return "/admin/plugins/" + plugin + "/operators";
  }

  /** Presses Enable or Disable for the operator on the plugin's operators page. */
  static Response setForOperator(Browser admin, String plugin, String operatorId, boolean enabled) {
    return PanelSteps.submit(
        admin,
        operatorsPage(plugin),
        operatorsPage(plugin) + "/" + operatorId,
        Map.of("enabled", Boolean.toString(enabled)));
  }

  /** Presses Test connection on the plugin's settings page with the fields typed. */
  static Response testConnection(Browser admin, String plugin, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("action", "test");
    String page = PluginSteps.settingsPage(plugin);
    return PanelSteps.submit(admin, page, page, all);
  }

  /** Settings by key as the settings form names its fields. */
  static Map<String, String> formFields(Map<String, String> settings) {
    Map<String, String> fields = new LinkedHashMap<>();
    settings.forEach((key, value) -> fields.put("setting-" + key, value));
    return fields;
  }
}
