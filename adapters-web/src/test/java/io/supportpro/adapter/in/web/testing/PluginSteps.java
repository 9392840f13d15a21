package io.supportpro.adapter.in.web.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Plugins pages and the Duo step of signing in as steps a test takes, through the forms a
 * browser would use. The answers are returned unfollowed.
 */
public final class PluginSteps {
  /** The Duo Security plugin's id, as its addresses carry it. */
  public static final String DUO = "duo-security";

  /** An API hostname under a Duo domain, so that saving it gives no warning. */
  public static final String DUO_HOST = "api-1234abcd.duosecurity.com";

  /** The Duo operators page. */
  public static final String DUO_OPERATORS = "/admin/plugins/duo-security/operators";

  private PluginSteps() {}

  /** The settings page of the plugin. */
  public static String settingsPage(String plugin) {
    return "/admin/plugins/" + plugin + "/settings";
  }

  /** Presses Install, Activate, Deactivate or Uninstall with the Plugins page's token. */
  public static Response act(Browser admin, String plugin, String action) {
    return PanelSteps.submit(
        admin, "/admin/plugins", "/admin/plugins/" + plugin + "/" + action, Map.of());
  }

  /** Installs and activates the plugin. */
  public static void installAndActivate(Browser admin, String plugin) {
    expectRedirect(act(admin, plugin, "install"), "install " + plugin);
    expectRedirect(act(admin, plugin, "activate"), "activate " + plugin);
  }

  /** The Duo settings form's fields, named as the form names them. */
  public static Map<String, String> duoFields(
      String clientId, String clientSecret, String apiHostname, String failMode) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("setting-client_id", clientId);
    fields.put("setting-client_secret", clientSecret);
    fields.put("setting-api_hostname", apiHostname);
    fields.put("setting-fail_mode", failMode);
    fields.put("setting-username_source", "username");
    fields.put("setting-proxy_host", "");
    fields.put("setting-proxy_port", "");
    fields.put("setting-certificate_pins", "");
    return fields;
  }

  /** Duo settings the test panel's in-memory Duo accepts, with the fail mode given. */
  public static Map<String, String> workingDuoFields(String failMode) {
    return duoFields(TestPanel.DUO_CLIENT_ID, TestPanel.DUO_CLIENT_SECRET, DUO_HOST, failMode);
  }

  /** Presses Save settings on the plugin's settings page. */
  public static Response saveSettings(Browser admin, String plugin, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("action", "save");
    return PanelSteps.submit(admin, settingsPage(plugin), settingsPage(plugin), all);
  }

  /** Presses Test connection on the Duo settings page. */
  public static Response testConnection(Browser admin, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("action", "test");
    return PanelSteps.submit(admin, settingsPage(DUO), settingsPage(DUO), all);
  }

  /** Installs, activates and configures Duo so that the in-memory Duo accepts it. */
  public static void setUpDuo(Browser admin, String failMode) {
    installAndActivate(admin, DUO);
    expectRedirect(saveSettings(admin, DUO, workingDuoFields(failMode)), "save Duo settings");
  }

  /** Presses Enable or Disable for the operator on the Duo operators page. */
  public static Response setDuo(Browser admin, String operatorId, boolean enabled) {
    return PanelSteps.submit(
        admin,
        DUO_OPERATORS,
        DUO_OPERATORS + "/" + operatorId,
        Map.of("enabled", Boolean.toString(enabled)));
  }

  /** Presses Continue to Duo on the Duo step; the answer is the redirect to Duo (or a refusal). */
  public static Response continueToDuo(Browser browser) {
    return PanelSteps.submit(browser, "/login/duo", "/login/duo", Map.of());
  }

  /** The path and query of the address Duo sends the browser back to, to GET on the panel. */
  public static String callbackPath(URI back) {
    return back.getRawPath() + "?" + back.getRawQuery();
  }

  private static void expectRedirect(Response answer, String what) {
    if (answer.status() != 303) {
      throw new AssertionError("cannot " + what + ": " + answer.status() + " " + answer.text());
    }
  }
}
