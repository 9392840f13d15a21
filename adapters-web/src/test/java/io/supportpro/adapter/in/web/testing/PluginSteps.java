package io.supportpro.adapter.in.web.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Plugins pages and the prompt step of signing in as steps a test takes, through the forms a
 * browser would use. The answers are returned unfollowed.
 */
public final class PluginSteps {
  /** The prompt plugin's id, as its addresses carry it. */
  public static final String PROMPT = PromptPlugin.ID.value();

  /** The code plugin's id, as its addresses carry it. */
  public static final String CODE = CodePlugin.ID.value();

  /** The page of the prompt step, for a session that comes back to it. */
  public static final String PROMPT_STEP = "/login/prompt";

  private PluginSteps() {}

  /** The settings page of the plugin. */
  public static String settingsPage(String plugin) {
    return "/admin/plugins/" + plugin + "/settings";
  }

  /** The page that chooses the operators who sign in with the plugin's second factor. */
  public static String operatorsPage(String plugin) {
    return "/admin/plugins/" + plugin + "/operators";
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

  /** The prompt plugin's settings form's fields, named as the form names them. */
  public static Map<String, String> promptFields(
      String clientId, String clientSecret, String failMode) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("setting-" + PromptPlugin.CLIENT_ID, clientId);
    fields.put("setting-" + PromptPlugin.CLIENT_SECRET, clientSecret);
    fields.put("setting-" + PromptPlugin.FAIL_MODE, failMode);
    return fields;
  }

  /** Prompt settings that its provider knows, with the fail mode given. */
  public static Map<String, String> workingPromptFields(String failMode) {
    return promptFields(PromptPlugin.KNOWN_CLIENT, PromptPlugin.KNOWN_SECRET, failMode);
  }

  /** The code plugin's settings form's fields. */
  public static Map<String, String> codeFields(String delivery) {
    return Map.of("setting-" + CodePlugin.DELIVERY, delivery);
  }

  /**
   * Presses Save settings on the plugin's settings page and, when the panel asks to confirm a
   * choice (such as fail open), confirms it with the same values.
   */
  public static Response saveSettings(Browser admin, String plugin, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("action", "save");
    Response saved = PanelSteps.submit(admin, settingsPage(plugin), settingsPage(plugin), all);
    if (saved.status() != 200 || !saved.body().contains("name=\"confirmed\" value=\"yes\"")) {
      return saved;
    }
    all.put("csrf", Html.csrf(saved.body()));
    all.put("confirmed", "yes");
    return admin.post(settingsPage(plugin), all);
  }

  /** Presses Test connection on the plugin's settings page. */
  public static Response testConnection(Browser admin, String plugin, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("action", "test");
    return PanelSteps.submit(admin, settingsPage(plugin), settingsPage(plugin), all);
  }

  /** Installs, activates and configures the prompt plugin so that its provider knows the panel. */
  public static void setUpPrompt(Browser admin, String failMode) {
    installAndActivate(admin, PROMPT);
    expectRedirect(
        saveSettings(admin, PROMPT, workingPromptFields(failMode)), "save the prompt's settings");
  }

  /** Installs, activates and configures the code plugin. */
  public static void setUpCode(Browser admin) {
    installAndActivate(admin, CODE);
    expectRedirect(saveSettings(admin, CODE, codeFields("sms")), "save the code's settings");
  }

  /** Presses Enable or Disable for the operator on the plugin's operators page. */
  public static Response setForOperator(
      Browser admin, String plugin, String operatorId, boolean enabled) {
    return PanelSteps.submit(
        admin,
        operatorsPage(plugin),
        operatorsPage(plugin) + "/" + operatorId,
        Map.of("enabled", Boolean.toString(enabled)));
  }

  /**
   * Presses the button of the prompt step, for a session that came back to it; the answer is the
   * redirect to the prompt (or a refusal).
   */
  public static Response continueToPrompt(Browser browser) {
    return PanelSteps.submit(browser, PROMPT_STEP, PROMPT_STEP, Map.of());
  }

  /** The path and query of the address a prompt sends the browser back to, to GET on the panel. */
  public static String callbackPath(URI back) {
    return back.getRawPath() + "?" + back.getRawQuery();
  }

  private static void expectRedirect(Response answer, String what) {
    if (answer.status() != 303) {
      throw new AssertionError("cannot " + what + ": " + answer.status() + " " + answer.text());
    }
  }
}
