package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PluginSteps.DUO;
import static io.supportpro.adapter.in.web.testing.PluginSteps.DUO_HOST;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.duoFields;
import static io.supportpro.adapter.in.web.testing.PluginSteps.installAndActivate;
import static io.supportpro.adapter.in.web.testing.PluginSteps.saveSettings;
import static io.supportpro.adapter.in.web.testing.PluginSteps.settingsPage;
import static io.supportpro.adapter.in.web.testing.PluginSteps.testConnection;
import static io.supportpro.adapter.in.web.testing.PluginSteps.workingDuoFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.LogCapture;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins;
import io.supportpro.application.testing.DuoFault;
import io.supportpro.application.testing.InMemoryDuoGateway;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plugin's settings page: the form built from its settings, saving, secrets and Duo's test. */
class PluginSettingsIT {
  private static final String WEBHOOKS = TestPlugins.WEBHOOKS.value();
  private static final String ANOTHER_SECRET = "AnotherWellFormedSecretButNotTheRight123";

  private TestPanel panel;
  private Browser admin;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    installAndActivate(admin, DUO);
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
        .contains("<label for=\"setting-url\">Address</label>")
        .contains("<p class=\"hint\" id=\"setting-url-hint\">Where events are posted")
        .containsPattern(
            "<input id=\"setting-url\" name=\"setting-url\" type=\"text\"\\s+value=\"\"[^>]*"
                + "aria-describedby=\"setting-url-hint\">")
        .containsPattern(
            "<input id=\"setting-signing_key\" name=\"setting-signing_key\" type=\"password\""
                + " value=\"\"\\s+autocomplete=\"new-password\"")
        .containsPattern("<select id=\"setting-format\" name=\"setting-format\"")
        .contains("<option value=\"json\" selected=\"selected\">json</option>")
        .contains("<option value=\"form\">form</option>")
        .containsPattern(
            "<input id=\"setting-retries\" name=\"setting-retries\" type=\"text\""
                + " inputmode=\"numeric\"\\s+value=\"3\"");
    // Only Duo is tested against a service and explains where its values come from.
    assertThat(page.body()).doesNotContain("value=\"test\"", "Where to find these values");
  }

  @Test
  void theDuoPage_explainsWhereTheValuesComeFromAndLinksToItsOperators() {
    Response page = admin.get(settingsPage(DUO));

    assertThat(page.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text())
        .contains("Where to find these values")
        .contains("Duo Admin Panel", "Applications", "Protect an Application")
        .contains("Web SDK", "Protect", "Client ID", "Client secret", "API hostname")
        .contains("Save settings", "Test connection");
    assertThat(page.body())
        .contains("href=\"/admin/plugins/duo-security/operators\"")
        .contains("name=\"action\" value=\"save\"", "name=\"action\" value=\"test\"")
        .contains("<label for=\"setting-client_secret\">Client secret</label>")
        .contains("<option value=\"closed\" selected=\"selected\">closed</option>");
    // Save comes first, so that pressing Enter in a field saves.
    assertThat(page.body().indexOf("value=\"save\""))
        .isLessThan(page.body().indexOf("value=\"test\""));
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
    assertThat(page.text()).contains("Settings saved.");
    assertThat(Html.inputValue(page.body(), "setting-url")).hasValue("https://hooks.example.com/x");
    assertThat(Html.inputValue(page.body(), "setting-retries")).hasValue("5");
    assertThat(Html.inputValue(page.body(), "setting-signing_key")).hasValue("");
    assertThat(page.body())
        .contains("<option value=\"form\" selected=\"selected\">form</option>")
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
        saveSettings(
            admin, DUO, duoFields("too-short", "not forty characters", "https://x/y", "maybe"));

    assertThat(refused.status()).isEqualTo(422);
    PagesIT.assertWellFormedPage(refused);
    assertThat(refused.text())
        .contains("The settings were not saved. Correct the fields marked below.")
        .contains("The client ID has exactly 20 letters and digits and starts with DI (or SI).")
        .contains("The client secret has exactly 40 letters and digits.")
        .contains("Enter the host name only")
        .contains("Choose one of: closed, open.");
    assertThat(refused.body())
        .contains("id=\"setting-client_id-error\"")
        .containsPattern(
            "aria-invalid=\"true\"\\s+aria-describedby=\"setting-client_id-hint"
                + " setting-client_id-error\"")
        .contains("aria-describedby=\"setting-client_secret-hint setting-client_secret-error\"")
        .contains("aria-describedby=\"setting-api_hostname-hint setting-api_hostname-error\"")
        .contains("aria-describedby=\"setting-fail_mode-hint setting-fail_mode-error\"");
    assertThat(Html.inputValue(refused.body(), "setting-client_id")).hasValue("too-short");
    assertThat(Html.inputValue(refused.body(), "setting-api_hostname")).hasValue("https://x/y");
    assertThat(Html.inputValue(refused.body(), "setting-client_secret")).hasValue("");
    assertThat(refused.body()).doesNotContain("not forty characters");
    assertThat(panel.plugins.settings(DuoPlugin.ID)).isEqualTo(PluginSettings.EMPTY);

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
        .contains("Settings saved.")
        .contains("Events will be sent unencrypted over plain http.")
        .doesNotContain("not saved");
    assertThat(saved.body())
        .contains("id=\"setting-url-warning\"")
        .contains("aria-describedby=\"setting-url-hint setting-url-warning\"")
        .contains("id=\"setting-signing_key-saved\"");
    assertThat(Html.inputValue(saved.body(), "setting-url")).hasValue("http://hooks.example.com/x");
  }

  @Test
  void anApiHostnameOutsideDuo_isRefusedNamingTheVariableThatAllowsIt() {
    Response page = admin.get(settingsPage(DUO));
    Response refused =
        saveSettings(
            admin,
            DUO,
            duoFields(
                TestPanel.DUO_CLIENT_ID,
                TestPanel.DUO_CLIENT_SECRET,
                InMemoryDuoGateway.API_HOST,
                "closed"));
    Map<String, String> proxied = workingDuoFields("closed");
    proxied.put("setting-proxy_host", "proxy.example.internal");
    proxied.put("setting-proxy_port", "3128");
    Response proxy = saveSettings(admin, DUO, proxied);

    assertThat(page.text()).contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
    assertThat(refused.status()).isEqualTo(422);
    PagesIT.assertWellFormedPage(refused);
    assertThat(refused.text())
        .contains("The settings were not saved.")
        .contains("This is not a Duo API hostname such as api-XXXXXXXX.duosecurity.com.")
        .contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
    assertThat(refused.body()).contains("id=\"setting-api_hostname-error\"");
    assertThat(proxy.status()).isEqualTo(422);
    assertThat(proxy.body()).contains("id=\"setting-proxy_host-error\"");
    assertThat(panel.plugins.settings(DuoPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
  }

  @Test
  void anEmptySecretField_keepsTheSavedSecret() {
    saveSettings(admin, DUO, workingDuoFields("closed"));
    var secretBefore = panel.plugins.settings(DuoPlugin.ID).get(DuoSettings.CLIENT_SECRET);

    Response again =
        saveSettings(admin, DUO, duoFields(TestPanel.DUO_CLIENT_ID, "", DUO_HOST, "open"));

    assertThat(again.status()).isEqualTo(303);
    assertThat(panel.plugins.settings(DuoPlugin.ID).get(DuoSettings.CLIENT_SECRET))
        .isEqualTo(secretBefore);
    assertThat(
            panel.plugins.settings(DuoPlugin.ID).get(DuoSettings.FAIL_MODE).orElseThrow().value())
        .isEqualTo("open");
    Response test = testConnection(admin, duoFields(TestPanel.DUO_CLIENT_ID, "", DUO_HOST, "open"));
    assertThat(test.text()).contains("Duo accepted these settings.");
  }

  @Test
  void theSecret_neverAppearsInAnyPageOrLogLine() {
    String secret = TestPanel.DUO_CLIENT_SECRET;
    List<Response> pages = new ArrayList<>();
    List<String> logged;
    try (LogCapture log = LogCapture.start()) {
      pages.add(saveSettings(admin, DUO, workingDuoFields("closed")));
      pages.add(admin.get(settingsPage(DUO)));
      pages.add(admin.get(settingsPage(DUO) + "?notice=plugin-settings-saved"));
      pages.add(saveSettings(admin, DUO, duoFields("bad", secret, DUO_HOST, "closed")));
      pages.add(
          saveSettings(admin, DUO, duoFields(TestPanel.DUO_CLIENT_ID, secret, "bad host", "x")));
      pages.add(
          saveSettings(
              admin,
              DUO,
              duoFields(TestPanel.DUO_CLIENT_ID, secret, InMemoryDuoGateway.API_HOST, "closed")));
      pages.add(testConnection(admin, workingDuoFields("closed")));
      pages.add(testConnection(admin, duoFields("bad", secret, DUO_HOST, "closed")));
      pages.add(admin.get("/admin/plugins"));
      pages.add(admin.get("/admin/audit"));
      pages.add(admin.get("/admin/audit?type=PLUGIN_SETTINGS_CHANGED"));
      pages.add(admin.get("/admin/plugins/duo-security/operators"));
      pages.add(admin.get("/admin/plugins/duo-security/uninstall"));
      pages.add(admin.get("/"));
      // A form that cannot be read, with the secret in it.
      pages.add(
          admin.post(
              settingsPage(DUO),
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
    assertThat(logged).noneMatch(line -> line.contains(secret));
    assertThat(panel.audit.all().toString()).doesNotContain(secret);
  }

  @Test
  void settingsOfAPluginThatIsNotActive_areRefusedWith409AndChangeNothing() {
    act(admin, DUO, "deactivate");
    Response page = admin.get(settingsPage(DUO));
    assertThat(page.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text())
        .contains("Settings are available only while the plugin is active.")
        .doesNotContain("Exception");
    assertThat(page.body()).contains("href=\"/admin/plugins\"");

    Response save = saveSettingsDirectly(DUO, workingDuoFields("closed"));
    assertThat(save.status()).isEqualTo(409);
    assertThat(save.text()).contains("Settings are available only while the plugin is active.");
    Map<String, String> test = new LinkedHashMap<>(workingDuoFields("closed"));
    test.put("action", "test");
    assertThat(saveSettingsDirectly(DUO, test).status()).isEqualTo(409);
    assertThat(panel.plugins.settings(DuoPlugin.ID)).isEqualTo(PluginSettings.EMPTY);

    act(admin, DUO, "uninstall");
    assertThat(admin.get(settingsPage(DUO)).status()).isEqualTo(409);
    assertThat(saveSettingsDirectly(DUO, workingDuoFields("closed")).status()).isEqualTo(409);
    assertThat(panel.plugins.settings(DuoPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
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
  void testConnection_saysPlainlyThatDuoAcceptedTheValuesAndSavesNothing() {
    Response test = testConnection(admin, workingDuoFields("open"));

    assertThat(test.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(test);
    assertThat(Html.textOfClass(test.body(), "alert-ok"))
        .hasValueSatisfying(
            box ->
                assertThat(box)
                    .contains("Connection test: Duo accepted these settings.")
                    .contains("Nothing was saved."));
    assertThat(Html.inputValue(test.body(), "setting-client_id")).hasValue(TestPanel.DUO_CLIENT_ID);
    assertThat(Html.inputValue(test.body(), "setting-api_hostname")).hasValue(DUO_HOST);
    assertThat(Html.inputValue(test.body(), "setting-client_secret")).hasValue("");
    assertThat(test.body()).contains("<option value=\"open\" selected=\"selected\">open</option>");
    assertThat(panel.plugins.settings(DuoPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
  }

  @Test
  void testConnection_saysWhenDuoRefusesTheCredentials() {
    Response test =
        testConnection(
            admin, duoFields(TestPanel.DUO_CLIENT_ID, ANOTHER_SECRET, DUO_HOST, "closed"));

    assertThat(test.status()).isEqualTo(200);
    assertThat(Html.textOfClass(test.body(), "alert-error"))
        .hasValueSatisfying(
            box ->
                assertThat(box)
                    .contains(
                        "Duo refused these credentials. Check the client ID, the client"
                            + " secret and the API hostname."));
    assertThat(test.body()).doesNotContain(ANOTHER_SECRET);
    assertThat(panel.plugins.settings(DuoPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
  }

  @Test
  void testConnection_answersEveryFailureToReachDuoAlike_namingNeitherHostNorCause() {
    List<String> answers = new ArrayList<>();
    for (DuoFault fault : List.of(DuoFault.DOWN, DuoFault.HTTP_500, DuoFault.SLOW)) {
      panel.duo.inject(fault);
      Response test = testConnection(admin, workingDuoFields("closed"));
      assertThat(test.status()).isEqualTo(200);
      answers.add(Html.textOfClass(test.body(), "alert-error").orElseThrow());
      panel.duo.clearFaults();
    }

    assertThat(answers).containsOnly(answers.getFirst());
    assertThat(answers.getFirst())
        .contains("Duo could not be reached with these settings, or what answered was not Duo.")
        .doesNotContain(DUO_HOST);
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.DUO_CONNECTION_TESTED)
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.details()).containsEntry("outcome", "not_reached"));
  }

  @Test
  void testConnection_withValuesThatCannotWork_marksTheFieldsToCorrect() {
    Response test = testConnection(admin, duoFields("short", "", "no host here", "closed"));

    assertThat(test.status()).isEqualTo(422);
    assertThat(test.text())
        .contains("Correct the settings marked below, then test again.")
        .contains("The client ID has exactly 20 letters and digits and starts with DI (or SI).")
        .contains("The client secret has exactly 40 letters and digits.")
        .contains("Enter the host name only");
    assertThat(Html.inputValue(test.body(), "setting-client_id")).hasValue("short");
  }

  @Test
  void anUnknownButtonOrATestForAPluginWithoutOne_isA400() {
    Map<String, String> fields = new LinkedHashMap<>(workingDuoFields("closed"));
    fields.put("action", "delete-everything");
    Response unknown = saveSettingsDirectly(DUO, fields);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text()).contains("Use the Save or the Test connection button.");

    Map<String, String> webhookTest =
        new LinkedHashMap<>(webhookFields("https://x.example", "", "json", "1"));
    webhookTest.put("action", "test");
    assertThat(saveSettingsDirectly(WEBHOOKS, webhookTest).status()).isEqualTo(400);
    assertThat(panel.plugins.settings(DuoPlugin.ID)).isEqualTo(PluginSettings.EMPTY);
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .doesNotContain(AuditEventType.PLUGIN_SETTINGS_CHANGED);
  }
}
