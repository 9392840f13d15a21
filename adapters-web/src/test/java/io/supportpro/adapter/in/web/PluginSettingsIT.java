package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PluginSteps.CODE;
import static io.supportpro.adapter.in.web.testing.PluginSteps.PROMPT;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.codeFields;
import static io.supportpro.adapter.in.web.testing.PluginSteps.installAndActivate;
import static io.supportpro.adapter.in.web.testing.PluginSteps.promptFields;
import static io.supportpro.adapter.in.web.testing.PluginSteps.saveSettings;
import static io.supportpro.adapter.in.web.testing.PluginSteps.settingsPage;
import static io.supportpro.adapter.in.web.testing.PluginSteps.testConnection;
import static io.supportpro.adapter.in.web.testing.PluginSteps.workingPromptFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.CodePlugin;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.LogCapture;
import io.supportpro.adapter.in.web.testing.PanelSteps;
import io.supportpro.adapter.in.web.testing.PromptPlugin;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins;
import io.supportpro.adapter.in.web.testing.TestPlugins.Outcome;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin's settings page: the form built from its settings, its setup steps, saving, secrets, and
 * the connection test of a plugin that has one.
 */
class PluginSettingsIT {
  private static final String HELD_LOST =
      Texts.in(Locale.ENGLISH)
          .get(PluginSettingsController.HELD_LOST, HeldSecrets.LIFETIME.toMinutes());

  private static final String WEBHOOKS = TestPlugins.WEBHOOKS.value();
  private static final String ANOTHER_SECRET = "AnotherWellFormedSecretButNotTheRight123";

  private TestPanel panel;
  private Browser admin;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    installAndActivate(admin, PROMPT);
    installAndActivate(admin, WEBHOOKS);
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  private static Map<String, String> webhookFields(
      String url, String key, String format, String retries) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("setting-url", url);
    fields.put("setting-signing_key", key);
    fields.put("setting-format", format);
    fields.put("setting-retries", retries);
    return fields;
  }

  @Test
  void theForm_isBuiltFromThePluginsSettingsWithALabelAndHelpForEach() {
    Response page = admin.get(settingsPage(WEBHOOKS));

    assertThat(page.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text()).contains("Webhooks settings");
    assertThat(page.body())
        .contains(
            "<label for=\"setting-url\">Address<span class=\"required-mark\"> (required)</span>"
                + "</label>")
        .contains("<p class=\"hint\" id=\"setting-url-hint\">Where events are posted")
        .containsPattern(
            "<input id=\"setting-url\" name=\"setting-url\" type=\"text\"\\s+value=\"\"[^>]*"
                + "aria-describedby=\"setting-url-hint\"[^>]*>")
        .containsPattern(
            "<input id=\"setting-signing_key\" name=\"setting-signing_key\" type=\"password\""
                + " value=\"\"\\s+autocomplete=\"new-password\"")
        .containsPattern(
            "<input type=\"radio\" id=\"setting-format-0\" name=\"setting-format\" value=\"json\""
                + "\\s+aria-describedby=\"setting-format-0-description\" checked=\"checked\">")
        .containsPattern(
            "<input type=\"radio\" id=\"setting-format-1\" name=\"setting-format\""
                + " value=\"form\"\\s+aria-describedby")
        .containsPattern(
            "<input id=\"setting-retries\" name=\"setting-retries\" type=\"text\""
                + " inputmode=\"numeric\"\\s+value=\"3\"");
    // A plugin without a connection test, setup steps or second factor offers none of them.
    assertThat(page.body())
        .doesNotContain("value=\"test\"", "Where to find these values", "operators page");
  }

  @Test
  void aPluginsPage_showsItsSetupStepsOffersItsTestAndLinksToItsOperators() {
    Response page = admin.get(settingsPage(PROMPT));

    assertThat(page.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text())
        .contains("Example Prompt settings", "Where to find these values")
        .contains(PromptPlugin.SETUP_STEPS.toArray(String[]::new))
        .contains("Save settings", "Test connection");
    assertThat(page.body())
        .contains("<li>Create an application of the kind &quot;Web &amp; browser&quot;.</li>")
        .contains("href=\"/admin/plugins/example-prompt/operators\"")
        .contains("name=\"action\" value=\"save\"", "name=\"action\" value=\"test\"")
        .contains("<label for=\"setting-client_secret\">Client secret</label>")
        .contains("<option value=\"closed\" selected=\"selected\">closed</option>");
    // The steps come in order, before the form whose values they explain.
    String text = page.text();
    List<Integer> positions = PromptPlugin.SETUP_STEPS.stream().map(text::indexOf).toList();
    assertThat(positions).isSorted().doesNotContain(-1);
    assertThat(positions.getLast()).isLessThan(text.indexOf("Client ID"));
    String body = page.body();
    // Save comes first, so that pressing Enter in a field saves.
    assertThat(body.indexOf("value=\"save\"")).isLessThan(body.indexOf("value=\"test\""));
  }

  @Test
  void aPluginWithASecondFactorButNoConnectionTest_linksToItsOperatorsOnly() {
    installAndActivate(admin, CODE);

    Response page = admin.get(settingsPage(CODE));

    assertThat(page.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text()).contains("Example Code settings", "Delivery");
    assertThat(page.body())
        .contains("href=\"/admin/plugins/example-code/operators\"")
        .contains("name=\"action\" value=\"save\"")
        .doesNotContain("value=\"test\"", "Where to find these values");
  }

  @Test
  void savedSettings_areAnnouncedAndShownWithTheSecretOnlyMarkedAsSaved() {
    Response saved =
        saveSettings(
            admin, WEBHOOKS, webhookFields("https://hooks.example.com/x", "k3y", "form", "5"));

    assertThat(saved.status()).isEqualTo(303);
    assertThat(saved.location())
        .hasValue("/admin/plugins/webhooks/settings?notice=plugin-settings-saved");
    Response page = admin.follow(saved);
    assertThat(page.text()).contains("The plugin settings were saved.");
    assertThat(Html.inputValue(page.body(), "setting-url")).hasValue("https://hooks.example.com/x");
    assertThat(Html.inputValue(page.body(), "setting-retries")).hasValue("5");
    assertThat(Html.inputValue(page.body(), "setting-signing_key")).hasValue("");
    assertThat(page.body())
        .containsPattern(
            "value=\"form\"\\s+aria-describedby=\"setting-format-1-description\""
                + " checked=\"checked\">")
        .contains("id=\"setting-signing_key-saved\">A secret is saved; leave empty to keep it.</p>")
        .contains("aria-describedby=\"setting-signing_key-hint setting-signing_key-saved\"");
    assertThat(page.body()).doesNotContain("k3y");
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.PLUGIN_SETTINGS_CHANGED)
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("signing_key", "[secret changed]"));
  }

  @Test
  void invalidSettings_are422WithEachProblemNextToItsFieldAndTheTypedValuesKept() {
    Response refused =
        saveSettings(admin, PROMPT, promptFields("Not An Id!", "too short", "maybe"));

    assertThat(refused.status()).isEqualTo(422);
    PagesIT.assertWellFormedPage(refused);
    assertThat(refused.text())
        .contains("The settings were not saved. Correct the fields marked below.")
        .contains("The client ID has 6 to 40 lower-case letters, digits and dashes.")
        .contains("The client secret has at least 16 characters.")
        .contains("Choose one of: closed, open.");
    assertThat(refused.body())
        .contains("id=\"setting-client_id-error\"")
        .containsPattern(
            "aria-invalid=\"true\"\\s+aria-describedby=\"setting-client_id-hint"
                + " setting-client_id-error\"")
        .contains("aria-describedby=\"setting-client_secret-hint setting-client_secret-error\"")
        .contains("aria-describedby=\"setting-fail_mode-hint setting-fail_mode-error\"");
    assertThat(Html.inputValue(refused.body(), "setting-client_id")).hasValue("Not An Id!");
    assertThat(Html.inputValue(refused.body(), "setting-client_secret")).hasValue("");
    assertThat(refused.body()).doesNotContain("too short");
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);

    Response badNumber =
        saveSettings(admin, WEBHOOKS, webhookFields("ftp://x", "", "json", "many"));
    assertThat(badNumber.status()).isEqualTo(422);
    assertThat(badNumber.text())
        .contains("Enter a whole number.", "Enter an address that starts with https://.");
    assertThat(Html.inputValue(badNumber.body(), "setting-retries")).hasValue("many");
  }

  @Test
  void aWarning_isShownNextToItsFieldWithTheSettingsSaved() {
    Response saved =
        saveSettings(
            admin, WEBHOOKS, webhookFields("http://hooks.example.com/x", "k3y", "form", "5"));

    assertThat(saved.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(saved);
    assertThat(saved.text())
        .contains("The plugin settings were saved.")
        .contains("Events will be sent unencrypted over plain http.")
        .doesNotContain("not saved");
    assertThat(saved.body())
        .contains("id=\"setting-url-warning\"")
        .contains("aria-describedby=\"setting-url-hint setting-url-warning\"")
        .contains("id=\"setting-signing_key-saved\"");
    assertThat(Html.inputValue(saved.body(), "setting-url")).hasValue("http://hooks.example.com/x");
  }

  @Test
  void anEmptySecretField_keepsTheSavedSecret() {
    saveSettings(admin, PROMPT, workingPromptFields("closed"));
    var secretBefore = panel.plugins.settings(PromptPlugin.ID).get(PromptPlugin.CLIENT_SECRET);

    Response again =
        saveSettings(admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, "", "open"));

    assertThat(again.status()).isEqualTo(303);
    assertThat(panel.plugins.settings(PromptPlugin.ID).get(PromptPlugin.CLIENT_SECRET))
        .isEqualTo(secretBefore);
    assertThat(
            panel
                .plugins
                .settings(PromptPlugin.ID)
                .get(PromptPlugin.FAIL_MODE)
                .orElseThrow()
                .value())
        .isEqualTo("open");
    // The test uses the saved secret, decrypted, which the provider then knows.
    Response test =
        testConnection(admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, "", "open"));
    assertThat(test.text()).contains(PromptPlugin.TEST_ACCEPTED);
  }

  @Test
  void theSecret_neverAppearsInAnyPageOrLogLine() {
    String secret = PromptPlugin.KNOWN_SECRET;
    List<Response> pages = new ArrayList<>();
    List<String> logged;
    try (LogCapture log = LogCapture.start()) {
      pages.add(saveSettings(admin, PROMPT, workingPromptFields("closed")));
      pages.add(admin.get(settingsPage(PROMPT)));
      pages.add(admin.get(settingsPage(PROMPT) + "?notice=plugin-settings-saved"));
      pages.add(saveSettings(admin, PROMPT, promptFields("BAD", secret, "closed")));
      pages.add(saveSettings(admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, secret, "x")));
      pages.add(testConnection(admin, PROMPT, workingPromptFields("closed")));
      pages.add(testConnection(admin, PROMPT, promptFields("BAD", secret, "closed")));
      pages.add(testConnection(admin, PROMPT, promptFields("another-client", secret, "closed")));
      panel.prompt.answer(Outcome.UNAVAILABLE);
      pages.add(testConnection(admin, PROMPT, workingPromptFields("closed")));
      panel.prompt.answer(Outcome.ALLOW);
      pages.add(admin.get("/admin/plugins"));
      pages.add(admin.get("/admin/audit"));
      pages.add(admin.get("/admin/audit?type=PLUGIN_SETTINGS_CHANGED"));
      pages.add(admin.get("/admin/audit?type=PLUGIN_CONNECTION_TESTED"));
      pages.add(admin.get("/admin/plugins/example-prompt/operators"));
      pages.add(admin.get("/admin/plugins/example-prompt/uninstall"));
      pages.add(admin.get("/"));
      // A form that cannot be read, with the secret in it.
      pages.add(
          admin.post(
              settingsPage(PROMPT),
              "application/x-www-form-urlencoded",
              ("csrf="
                      + Html.csrf(admin.get("/").body())
                      + "&setting-client_secret="
                      + secret
                      + "&action=%zz")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      // Proves the capture sees the panel's loggers at every level.
      org.slf4j.LoggerFactory.getLogger(PluginSettingsIT.class).debug("capture works");
      logged = log.lines();
    }

    assertThat(pages).hasSizeGreaterThan(10);
    for (Response page : pages) {
      assertThat(page.status()).as(page.toString()).isLessThan(500);
      assertThat(page.body()).as(page.toString()).doesNotContain(secret);
      assertThat(page.headers().map().toString()).doesNotContain(secret);
    }
    assertThat(logged).anyMatch(line -> line.endsWith("capture works"));
    assertThat(logged).anyMatch(line -> line.contains(PromptPlugin.NOT_REACHED_DETAIL));
    assertThat(logged).noneMatch(line -> line.contains(secret));
    assertThat(panel.audit.all().toString()).doesNotContain(secret);
  }

  @Test
  void settingsOfAPluginThatIsNotActive_areRefusedWith409AndChangeNothing() {
    act(admin, PROMPT, "deactivate");
    Response page = admin.get(settingsPage(PROMPT));
    assertThat(page.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text())
        .contains("Settings are available only while the plugin is active.")
        .doesNotContain("Exception");
    assertThat(page.body()).contains("href=\"/admin/plugins\"");

    Response save = saveSettingsDirectly(PROMPT, workingPromptFields("closed"));
    assertThat(save.status()).isEqualTo(409);
    assertThat(save.text()).contains("Settings are available only while the plugin is active.");
    Map<String, String> test = new LinkedHashMap<>(workingPromptFields("closed"));
    test.put("action", "test");
    assertThat(saveSettingsDirectly(PROMPT, test).status()).isEqualTo(409);
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);

    act(admin, PROMPT, "uninstall");
    assertThat(admin.get(settingsPage(PROMPT)).status()).isEqualTo(409);
    assertThat(saveSettingsDirectly(PROMPT, workingPromptFields("closed")).status()).isEqualTo(409);
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
    assertThat(panel.audit.all())
        .noneMatch(e -> e.type() == AuditEventType.PLUGIN_SETTINGS_CHANGED);
  }

  /** Posts the form without opening the settings page first (it may not open). */
  private Response saveSettingsDirectly(String plugin, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("csrf", Html.csrf(admin.get("/").body()));
    all.putAll(fields);
    return admin.post(settingsPage(plugin), all);
  }

  @Test
  void testConnection_saysPlainlyThatTheProviderAcceptedTheValuesAndSavesNothing() {
    Response test = testConnection(admin, PROMPT, workingPromptFields("open"));

    assertThat(test.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(test);
    assertThat(Html.textOfClass(test.body(), "alert-ok"))
        .hasValueSatisfying(
            box ->
                assertThat(box)
                    .contains("Connection test: " + PromptPlugin.TEST_ACCEPTED)
                    .contains("Nothing was saved."));
    assertThat(Html.inputValue(test.body(), "setting-client_id"))
        .hasValue(PromptPlugin.KNOWN_CLIENT);
    assertThat(Html.inputValue(test.body(), "setting-client_secret")).hasValue("");
    assertThat(test.body()).contains("<option value=\"open\" selected=\"selected\">open</option>");
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.PLUGIN_CONNECTION_TESTED)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.subject()).isEqualTo(PROMPT);
              assertThat(e.actor().name()).isEqualTo(TestPanel.ADMIN);
              assertThat(e.details())
                  .containsEntry("outcome", "accepted")
                  .containsEntry(PromptPlugin.CLIENT_ID, PromptPlugin.KNOWN_CLIENT);
            });
  }

  @Test
  void testConnection_saysWhenTheProviderRefusesTheCredentials() {
    Response test =
        testConnection(
            admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, ANOTHER_SECRET, "closed"));

    assertThat(test.status()).isEqualTo(200);
    assertThat(Html.textOfClass(test.body(), "alert-error"))
        .hasValueSatisfying(box -> assertThat(box).contains(PromptPlugin.TEST_REFUSED));
    assertThat(test.body()).doesNotContain(ANOTHER_SECRET);
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
  }

  @Test
  void testConnection_showsOnlyWhatThePluginWords_andLogsWhatWentWrong() {
    panel.prompt.answer(Outcome.UNAVAILABLE);
    Response test;
    List<String> logged;
    try (LogCapture log = LogCapture.start()) {
      test = testConnection(admin, PROMPT, workingPromptFields("closed"));
      logged = log.lines();
    }

    assertThat(test.status()).isEqualTo(200);
    assertThat(Html.textOfClass(test.body(), "alert-error"))
        .hasValueSatisfying(box -> assertThat(box).contains(PromptPlugin.TEST_NOT_REACHED));
    assertThat(test.body()).doesNotContain(PromptPlugin.NOT_REACHED_DETAIL, PromptPlugin.HOST);
    assertThat(logged)
        .contains(
            "io.supportpro.adapter.in.web.PluginSettingsController Connection test of"
                + " example-prompt by admin from 127.0.0.1 failed: "
                + PromptPlugin.NOT_REACHED_DETAIL);
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.PLUGIN_CONNECTION_TESTED)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details().toString())
                    .contains("not_reached")
                    .doesNotContain(PromptPlugin.NOT_REACHED_DETAIL));
  }

  @Test
  void testConnection_withValuesThatCannotWork_marksTheFieldsToCorrect() {
    Response test = testConnection(admin, PROMPT, promptFields("short", "", "closed"));

    assertThat(test.status()).isEqualTo(422);
    assertThat(test.text())
        .contains("Correct the settings marked below, then test again.")
        .contains("The client ID has 6 to 40 lower-case letters, digits and dashes.")
        .contains("The client secret has at least 16 characters.");
    assertThat(Html.inputValue(test.body(), "setting-client_id")).hasValue("short");
  }

  @Test
  void anUnknownButtonOrATestForAPluginWithoutOne_isA400() {
    Map<String, String> fields = new LinkedHashMap<>(workingPromptFields("closed"));
    fields.put("action", "delete-everything");
    Response unknown = saveSettingsDirectly(PROMPT, fields);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text()).contains("Use the Save or the Test connection button.");

    Map<String, String> webhookTest =
        new LinkedHashMap<>(webhookFields("https://x.example", "", "json", "1"));
    webhookTest.put("action", "test");
    Response noTest = saveSettingsDirectly(WEBHOOKS, webhookTest);
    assertThat(noTest.status()).isEqualTo(400);
    assertThat(noTest.text()).contains("This plugin has no connection test.");
    installAndActivate(admin, CODE);
    Map<String, String> codeTest = new LinkedHashMap<>(codeFields("sms"));
    codeTest.put("action", "test");
    assertThat(saveSettingsDirectly(CODE, codeTest).status()).isEqualTo(400);
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
    assertThat(panel.plugins.settings(CodePlugin.ID)).isEqualTo(PluginSettings.EMPTY);
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .doesNotContain(
            AuditEventType.PLUGIN_SETTINGS_CHANGED, AuditEventType.PLUGIN_CONNECTION_TESTED);
  }

  @Test
  void theSetupStepsAndTheCallbackAddress_comeBeforeTheForm() {
    Response page = admin.get(settingsPage(PROMPT));

    String body = page.body();
    int form = body.indexOf("<form method=\"post\" action=\"" + settingsPage(PROMPT) + "\"");
    assertThat(form).isPositive();
    assertThat(body.indexOf("Where to find these values")).isBetween(0, form);
    assertThat(body.indexOf("Sign in to the Example Prompt console.")).isBetween(0, form);
    // Ready to copy, and not a field of the form: it is never posted.
    assertThat(body.indexOf("id=\"callback-address\"")).isBetween(0, form);
    assertThat(body)
        .containsPattern(
            "<input id=\"callback-address\"[^>]* readonly[^>]* value=\"http://localhost"
                + PromptPlugin.OWN_CALLBACK_PATH
                + "\"")
        .doesNotContainPattern("<input id=\"callback-address\"[^>]* name=")
        .contains("<label for=\"callback-address\">");
    // A plugin without a prompt has no address to give.
    assertThat(admin.get(settingsPage(WEBHOOKS)).body()).doesNotContain("callback-address");
  }

  @Test
  void requiredSettings_areMarkedInTheLabelAndForAssistiveTechnology() {
    Response page = admin.get(settingsPage(WEBHOOKS));

    assertThat(page.text()).contains("Address (required)").doesNotContain("Signing key (required)");
    assertThat(page.body())
        .containsPattern("<input id=\"setting-url\" name=\"setting-url\"[^>]*required=\"required\"")
        .containsPattern(
            "<input id=\"setting-url\" name=\"setting-url\"[^>]*aria-required=\"true\"")
        .doesNotContainPattern("<input id=\"setting-signing_key\"[^>]*required");
  }

  @Test
  void advancedSettings_areFoldedAwayInDetails_openWhenOneNeedsCorrecting() {
    String body = admin.get(settingsPage(WEBHOOKS)).body();
    int details = body.indexOf("<details class=\"advanced\">");
    assertThat(details).as("closed at first").isPositive();
    assertThat(body.indexOf("<summary>Advanced settings</summary>")).isGreaterThan(details);
    assertThat(body.indexOf("id=\"setting-retries\"")).isGreaterThan(details);
    assertThat(body.indexOf("id=\"setting-url\"")).isLessThan(details);
    assertThat(body.indexOf("</details>")).isGreaterThan(body.indexOf("id=\"setting-retries\""));

    Response refused =
        saveSettings(admin, WEBHOOKS, webhookFields("https://x.example", "", "json", "many"));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("<details class=\"advanced\" open=\"open\">");
    assertThat(Html.inputValue(refused.body(), "setting-retries")).hasValue("many");
  }

  @Test
  void describedChoices_areRadioButtonsInAGroupEachWithItsDescription() {
    String body = admin.get(settingsPage(WEBHOOKS)).body();

    assertThat(body)
        .containsPattern(
            "<fieldset class=\"field choices\" id=\"setting-format\"\\s+"
                + "aria-describedby=\"setting-format-hint\">\\s+<legend>Format</legend>")
        .contains("<label for=\"setting-format-0\">JSON</label>")
        .contains(
            "<p class=\"hint\" id=\"setting-format-0-description\">One JSON object per event.</p>")
        .contains("<label for=\"setting-format-1\">Form fields</label>")
        .contains("aria-describedby=\"setting-format-1-description\"")
        .doesNotContain("<select id=\"setting-format\"");
    // A choice the plugin does not describe stays a drop-down.
    assertThat(admin.get(settingsPage(PROMPT)).body())
        .contains(
            "<select id=\"setting-fail_mode\"",
            "<option value=\"closed\" selected=\"selected\">closed</option>");

    Response refused =
        saveSettings(admin, WEBHOOKS, webhookFields("https://x.example", "", "xml", "1"));
    assertThat(refused.status()).isEqualTo(422);
    PagesIT.assertWellFormedPage(refused);
    // The summary links to the group's first choice.
    assertThat(refused.body())
        .contains("href=\"#setting-format-0\"")
        .contains("aria-describedby=\"setting-format-hint setting-format-error\"");
  }

  @Test
  void aSecretTypedForTheTest_isHeldForSave_soItIsTypedOnceAndNeverSentBack() {
    saveSettings(admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, ANOTHER_SECRET, "closed"));
    List<Response> pages = new ArrayList<>();

    Response tested = testConnection(admin, PROMPT, workingPromptFields("closed"));
    pages.add(tested);
    assertThat(tested.text()).contains(PromptPlugin.TEST_ACCEPTED);
    String handle =
        Html.inputValue(tested.body(), PluginSettingsController.HELD_FIELD).orElseThrow();
    assertThat(tested.body())
        .contains("id=\"setting-client_secret-held\"")
        .contains("aria-describedby=\"setting-client_secret-hint setting-client_secret-held\"")
        .doesNotContain("id=\"setting-client_secret-saved\"");
    assertThat(Html.inputValue(tested.body(), "setting-client_secret")).hasValue("");

    Map<String, String> save = promptFields(PromptPlugin.KNOWN_CLIENT, "", "closed");
    save.put(PluginSettingsController.HELD_FIELD, handle);
    Response saved = saveSettings(admin, PROMPT, save);
    pages.add(saved);

    assertThat(saved.status()).isEqualTo(303);
    // The saved secret is the one typed for the test: the provider accepts it.
    Response again =
        testConnection(admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, "", "closed"));
    pages.add(again);
    assertThat(again.text()).contains(PromptPlugin.TEST_ACCEPTED);
    // Saving released the hold: its handle no longer stands for a secret.
    Response stale = saveSettings(admin, PROMPT, save);
    pages.add(stale);
    assertThat(stale.status()).isEqualTo(422);
    assertThat(stale.text()).contains(HELD_LOST);
    for (Response page : pages) {
      assertThat(page.body()).doesNotContain(PromptPlugin.KNOWN_SECRET, ANOTHER_SECRET);
    }
  }

  @Test
  void aHeldSecret_carriesThroughTheConfirmationOfFailOpen() {
    Response tested = testConnection(admin, PROMPT, workingPromptFields("closed"));
    String handle =
        Html.inputValue(tested.body(), PluginSettingsController.HELD_FIELD).orElseThrow();
    Map<String, String> save = promptFields(PromptPlugin.KNOWN_CLIENT, "", "open");
    save.put(PluginSettingsController.HELD_FIELD, handle);
    save.put("action", "save");

    Response asked = PanelSteps.submit(admin, settingsPage(PROMPT), settingsPage(PROMPT), save);

    assertThat(asked.body())
        .contains("name=\"confirmed\" value=\"yes\"")
        .doesNotContain(PromptPlugin.KNOWN_SECRET);
    assertThat(Html.inputValue(asked.body(), PluginSettingsController.HELD_FIELD)).hasValue(handle);
    Map<String, String> confirmed = new LinkedHashMap<>(save);
    confirmed.put("confirmed", "yes");
    confirmed.put("csrf", Html.csrf(asked.body()));
    assertThat(admin.post(settingsPage(PROMPT), confirmed).status()).isEqualTo(303);
    assertThat(panel.plugins.settings(PromptPlugin.ID).get(PromptPlugin.CLIENT_SECRET)).isPresent();
    assertThat(
            testConnection(admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, "", "open"))
                .text())
        .contains(PromptPlugin.TEST_ACCEPTED);
  }

  @Test
  void aSecretTypedIntoASaveThatAsksFirst_isSavedByConfirmingWithoutTypingItAgain() {
    saveSettings(admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, ANOTHER_SECRET, "closed"));
    Map<String, String> save = workingPromptFields("open");
    save.put("action", "save");

    Response asked = PanelSteps.submit(admin, settingsPage(PROMPT), settingsPage(PROMPT), save);

    assertThat(asked.body())
        .contains("name=\"confirmed\" value=\"yes\"")
        .doesNotContain(PromptPlugin.KNOWN_SECRET);
    // The confirmation's own form, as the browser posts it: the hidden fields and the button.
    Map<String, String> confirmed = new LinkedHashMap<>();
    confirmed.put("csrf", Html.csrf(asked.body()));
    confirmed.put("confirmed", "yes");
    confirmed.put("setting-" + PromptPlugin.CLIENT_ID, PromptPlugin.KNOWN_CLIENT);
    confirmed.put("setting-" + PromptPlugin.FAIL_MODE, "open");
    confirmed.put("held", Html.inputValue(asked.body(), "held").orElseThrow());
    confirmed.put("action", "save");
    assertThat(admin.post(settingsPage(PROMPT), confirmed).status()).isEqualTo(303);
    assertThat(
            testConnection(admin, PROMPT, promptFields(PromptPlugin.KNOWN_CLIENT, "", "open"))
                .text())
        .contains(PromptPlugin.TEST_ACCEPTED);
  }

  @Test
  void aHeldSecret_isBoundToTheSessionThatTypedIt() {
    Response tested = testConnection(admin, PROMPT, workingPromptFields("closed"));
    String handle =
        Html.inputValue(tested.body(), PluginSettingsController.HELD_FIELD).orElseThrow();
    Browser other = panel.browser();
    signIn(other, TestPanel.ADMIN, TestPanel.PASSWORD);

    Map<String, String> save = promptFields(PromptPlugin.KNOWN_CLIENT, "", "closed");
    save.put(PluginSettingsController.HELD_FIELD, handle);
    Response refused = saveSettings(other, PROMPT, save);

    assertThat(refused.status()).isEqualTo(422);
    PagesIT.assertWellFormedPage(refused);
    assertThat(refused.text()).contains(HELD_LOST);
    assertThat(refused.body()).contains("href=\"#setting-client_secret\"");
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
    // Nor does it serve another plugin of the same session.
    Map<String, String> webhooks = webhookFields("https://x.example", "", "json", "1");
    webhooks.put(PluginSettingsController.HELD_FIELD, handle);
    Response otherPlugin = saveSettings(admin, WEBHOOKS, webhooks);
    assertThat(otherPlugin.status()).isEqualTo(422);
    assertThat(otherPlugin.text()).contains(HELD_LOST);
    assertThat(panel.plugins.settings(TestPlugins.WEBHOOKS)).isEqualTo(PluginSettings.EMPTY);
    // The session that typed it still can.
    assertThat(saveSettings(admin, PROMPT, save).status()).isEqualTo(303);
  }

  @Test
  void aHostileHeldField_isRefusedWithA4xxAndChangesNothing() {
    for (String hostile :
        List.of(
            "x".repeat(5_000),
            "not a handle",
            "a\u0000b",
            "%zz",
            "A".repeat(43),
            "\u00e9".repeat(43))) {
      Map<String, String> save = promptFields(PromptPlugin.KNOWN_CLIENT, "", "closed");
      save.put(PluginSettingsController.HELD_FIELD, hostile);
      Response answer = saveSettings(admin, PROMPT, save);
      assertThat(answer.status())
          .as(hostile.substring(0, Math.min(hostile.length(), 20)))
          .isBetween(400, 499);
      Map<String, String> test = new LinkedHashMap<>(save);
      assertThat(testConnection(admin, PROMPT, test).status()).isBetween(400, 499);
    }
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
  }
}
