package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PluginSteps.PROMPT;
import static io.supportpro.adapter.in.web.testing.PluginSteps.operatorsPage;
import static io.supportpro.adapter.in.web.testing.PluginSteps.promptFields;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setForOperator;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpPrompt;
import static io.supportpro.adapter.in.web.testing.PluginSteps.settingsPage;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PromptPlugin;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionToken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The pages that confirm a destructive or lockout-prone change: each states the consequence with
 * its numbers, offers the change as a form with the session's token and a way back, and is the only
 * way to it from the panel's pages.
 */
class ConfirmationsIT {
  private static final String LAST_ADMINISTRATOR =
      Texts.in(Locale.ENGLISH).get(OperatorsController.LAST_ADMINISTRATOR);

  private static final String PLUGIN_DEACTIVATE = "/admin/plugins/" + PROMPT + "/deactivate";
  private static final String SETTINGS = settingsPage(PROMPT);
  private static final List<String> HOSTILE_IDS =
      List.of(UUID.randomUUID().toString(), "not-an-id", "%3Cscript%3E", "a".repeat(300));

  @AutoClose private final TestPanel panel = TestPanel.start();
  private final Browser admin = panel.signedIn(TestPanel.ADMIN);
  private final Operator olivia = panel.operator(TestPanel.OPERATOR);

  private static String page(Operator operator) {
    return "/admin/operators/" + operator.id();
  }

  private void enrol(Operator operator, int recoveryCodes) {
    SessionKey setUp = SessionToken.random().key();
    panel.totp.savePending(operator.id(), setUp, "v1:secret", panel.clock.now());
    List<String> codes =
        java.util.stream.IntStream.range(0, recoveryCodes)
            .mapToObj(i -> Integer.toHexString(i).repeat(64).substring(0, 64))
            .toList();
    panel.totp.confirm(operator.id(), setUp, "v1:secret", 1, codes);
  }

  private List<AuditEvent> audited(AuditEventType type) {
    return panel.audit.all().stream().filter(e -> e.type() == type).toList();
  }

  private String csrf() {
    return Html.csrf(admin.get("/admin/operators").body());
  }

  @Test
  void deactivatingAnOperator_asksWithTheirSessionCount_thenDeactivatesFromTheConfirmation() {
    signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD);
    signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response edit = admin.get(page(olivia));
    Response asked = admin.get(page(olivia) + "/deactivate");

    assertThat(edit.body())
        .contains("href=\"" + page(olivia) + "/deactivate\"")
        .doesNotContain("action=\"" + page(olivia) + "/deactivate\"");
    assertThat(asked.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(asked);
    assertThat(asked.text())
        .contains("Deactivate Operator olivia?")
        .contains("olivia will be signed out of 2 sessions at once and cannot sign in");
    assertThat(asked.body())
        .contains("action=\"" + page(olivia) + "/deactivate\"", "name=\"csrf\"")
        .contains("href=\"" + page(olivia) + "\">Cancel</a>");
    assertThat(panel.operator(TestPanel.OPERATOR).active()).as("asking changes nothing").isTrue();

    Response done =
        submit(admin, page(olivia) + "/deactivate", page(olivia) + "/deactivate", Map.of());

    assertThat(done.location()).hasValue(page(olivia) + "?notice=deactivated");
    assertThat(panel.operator(TestPanel.OPERATOR).active()).isFalse();
    assertThat(audited(AuditEventType.OPERATOR_DEACTIVATED)).hasSize(1);
    Response again = admin.get(page(olivia) + "/deactivate");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text()).contains("olivia is already deactivated");
  }

  @Test
  void deactivatingTheLastAdministrator_isRefusedOnTheConfirmationAndStillWhenPosted() {
    Operator me = panel.operator(TestPanel.ADMIN);

    Response asked = admin.get(page(me) + "/deactivate");
    Response refused = admin.post(page(me) + "/deactivate", Map.of("csrf", csrf()));

    assertThat(asked.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(asked);
    assertThat(asked.text()).contains(LAST_ADMINISTRATOR);
    assertThat(asked.body()).doesNotContain("action=\"" + page(me) + "/deactivate\"");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text()).contains(LAST_ADMINISTRATOR);
    assertThat(panel.operator(TestPanel.ADMIN).active()).isTrue();

    panel.create("second", "administrator");
    assertThat(admin.get(page(me) + "/deactivate").text())
        .contains("This is your own account: you will be signed out too.")
        .doesNotContain(LAST_ADMINISTRATOR);
  }

  @Test
  void resettingTwoFactor_asksWithWhatItRemovesAndWhatFollows_thenResets() {
    enrol(olivia, 7);
    signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response edit = admin.get(page(olivia));
    Response asked = admin.get(page(olivia) + "/reset-2fa");

    assertThat(edit.body())
        .contains("href=\"" + page(olivia) + "/reset-2fa\"")
        .doesNotContain("action=\"" + page(olivia) + "/reset-2fa\"");
    assertThat(asked.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(asked);
    assertThat(asked.text())
        .contains("Reset two-factor authentication of Operator olivia?")
        .contains("authenticator app and 7 unused recovery codes")
        .contains("signed out of 1 session at once")
        .contains("they sign in with their password only, until they set up an authenticator app");
    assertThat(panel.totp.find(olivia.id())).as("asking changes nothing").isPresent();

    panel.settings.setForceTwoFactor(true);
    assertThat(admin.get(page(olivia) + "/reset-2fa").text())
        .contains("they set up a new authenticator app at their next sign-in");

    Response done =
        submit(admin, page(olivia) + "/reset-2fa", page(olivia) + "/reset-2fa", Map.of());

    assertThat(done.location()).hasValue(page(olivia) + "?notice=2fa-reset");
    assertThat(panel.totp.find(olivia.id())).isEmpty();
    assertThat(audited(AuditEventType.TWO_FACTOR_RESET))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("ended_sessions", "1"));
  }

  @Test
  void resettingTwoFactor_namesThePluginThatKeepsConfirmingTheirSignIns() {
    setUpPrompt(admin, "closed");
    setForOperator(admin, PROMPT, olivia.id().toString(), true);
    enrol(olivia, 10);

    assertThat(admin.get(page(olivia) + "/reset-2fa").text())
        .contains("10 unused recovery codes")
        .contains("they still confirm each sign-in with Example Prompt");
  }

  @Test
  void resettingTwoFactor_cancelsASetUpUnderWay() {
    panel.totp.savePending(
        olivia.id(), SessionToken.random().key(), "v1:secret", panel.clock.now());

    assertThat(admin.get(page(olivia)).text()).contains("Reset 2FA");
    assertThat(admin.get(page(olivia) + "/reset-2fa").text())
        .contains("has begun setting up an authenticator app without finishing");
    Response done =
        submit(admin, page(olivia) + "/reset-2fa", page(olivia) + "/reset-2fa", Map.of());
    assertThat(done.location()).hasValue(page(olivia) + "?notice=2fa-reset");
    assertThat(panel.totp.find(olivia.id())).isEmpty();
  }

  @Test
  void resettingTwoFactor_withNothingToReset_isNotOfferedAndAnsweredAsAConflict() {
    Response edit = admin.get(page(olivia));
    Response asked = admin.get(page(olivia) + "/reset-2fa");
    Response posted = admin.post(page(olivia) + "/reset-2fa", Map.of("csrf", csrf()));

    assertThat(edit.body()).doesNotContain("/reset-2fa");
    assertThat(edit.text()).contains("Nothing to reset");
    for (Response refused : List.of(asked, posted)) {
      assertThat(refused.status()).isEqualTo(409);
      PagesIT.assertWellFormedPage(refused);
      assertThat(refused.text())
          .contains("Nothing to reset")
          .contains("olivia has no authenticator app and no set-up under way");
    }
    assertThat(audited(AuditEventType.TWO_FACTOR_RESET)).isEmpty();
  }

  @Test
  void theOperatorActions_withoutTheToken_areRefusedAndChangeNothing() {
    enrol(olivia, 10);

    for (String action : List.of("/deactivate", "/reset-2fa")) {
      assertThat(admin.post(page(olivia) + action, Map.of()).status()).as(action).isEqualTo(403);
    }

    assertThat(panel.operator(TestPanel.OPERATOR).active()).isTrue();
    assertThat(panel.totp.find(olivia.id())).isPresent();
  }

  @Test
  void theConfirmations_ofAnUnknownOrMalformedOperatorOrPlugin_areNotThere() {
    String csrf = csrf();
    for (String id : HOSTILE_IDS) {
      for (String action : List.of("/deactivate", "/reset-2fa")) {
        Response get = admin.get("/admin/operators/" + id + action);
        assertThat(get.status()).as(id + action).isEqualTo(404);
        assertThat(get.text()).contains("Page not found");
        assertThat(admin.post("/admin/operators/" + id + action, Map.of("csrf", csrf)).status())
            .as(id + action)
            .isEqualTo(404);
      }
      assertThat(admin.get("/admin/plugins/" + id + "/deactivate").status()).as(id).isEqualTo(404);
    }
  }

  @Test
  void deactivatingAPlugin_asksWithHowManyOperatorsFallBackToWhat_thenDeactivates() {
    setUpPrompt(admin, "closed");
    Operator ada = panel.create("ada", "operator");
    Operator grace = panel.create("grace", "operator");
    panel.create("linus", "operator");
    for (Operator operator : List.of(olivia, ada, grace)) {
      setForOperator(admin, PROMPT, operator.id().toString(), true);
    }
    enrol(ada, 10);

    Response list = admin.get("/admin/plugins");
    Response asked = admin.get(PLUGIN_DEACTIVATE);

    assertThat(list.body())
        .contains("href=\"" + PLUGIN_DEACTIVATE + "\"")
        .doesNotContain("action=\"" + PLUGIN_DEACTIVATE + "\"");
    assertThat(asked.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(asked);
    assertThat(asked.text())
        .contains("Deactivate Example Prompt?")
        .contains(
            "3 operators use Example Prompt and will sign in with their authenticator app or"
                + " password only: 1 with their authenticator app, 2 with their password only.");
    assertThat(asked.body())
        .contains("action=\"" + PLUGIN_DEACTIVATE + "\"", "name=\"csrf\"")
        .contains("href=\"/admin/plugins\">Cancel</a>");

    panel.settings.setForceTwoFactor(true);
    assertThat(admin.get(PLUGIN_DEACTIVATE).text())
        .contains(
            "3 operators use Example Prompt and will sign in with their authenticator app or set"
                + " one up: 1 with their authenticator app, 2 must set one up at their next"
                + " sign-in, as two-factor authentication is required.");
    assertThat(admin.post(PLUGIN_DEACTIVATE, Map.of()).status()).isEqualTo(403);
    assertThat(panel.plugins.state(PromptPlugin.ID)).isEqualTo(PluginState.ACTIVE);

    Response done = submit(admin, PLUGIN_DEACTIVATE, PLUGIN_DEACTIVATE, Map.of());

    assertThat(done.location()).hasValue("/admin/plugins?notice=plugin-deactivated");
    assertThat(panel.plugins.state(PromptPlugin.ID)).isEqualTo(PluginState.INACTIVE);
    assertThat(audited(AuditEventType.PLUGIN_DEACTIVATED)).hasSize(1);
    Response again = admin.get(PLUGIN_DEACTIVATE);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text()).contains("Example Prompt is not active, so there is nothing to");
  }

  @Test
  void disablingSelected_asksWithTheCountAndFallback_andOnlyTheConfirmationChangesThem() {
    setUpPrompt(admin, "closed");
    Operator ada = panel.create("ada", "operator");
    Operator grace = panel.create("grace", "operator");
    setForOperator(admin, PROMPT, ada.id().toString(), true);
    enrol(ada, 10);
    String operators = operatorsPage(PROMPT);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("enabled", "false");
    fields.put("operator-" + ada.id(), "on");
    fields.put("operator-" + grace.id(), "on");

    Response asked = submit(admin, operators, operators + "/selected", fields);

    assertThat(asked.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(asked);
    assertThat(asked.text())
        .contains("Disable Example Prompt for 2 selected operators?")
        .contains(
            "1 operator uses Example Prompt and will sign in with their authenticator app or"
                + " password only: 1 with their authenticator app, 0 with their password only.");
    assertThat(asked.body())
        .contains("name=\"operator-" + ada.id() + "\"", "name=\"operator-" + grace.id() + "\"")
        .contains("name=\"confirmed\" value=\"yes\"");
    assertThat(audited(AuditEventType.PLUGIN_DISABLED_FOR_OPERATORS)).isEmpty();

    Map<String, String> confirmed = new LinkedHashMap<>(fields);
    confirmed.put("confirmed", "yes");
    Map<String, String> hostile = new LinkedHashMap<>(confirmed);
    hostile.put("operator-%3Cscript%3E", "on");
    assertThat(admin.post(operators + "/selected", confirmed).status()).isEqualTo(403);
    assertThat(submit(admin, operators, operators + "/selected", hostile).status()).isEqualTo(400);

    Response done = submit(admin, operators, operators + "/selected", confirmed);

    assertThat(done.status()).isEqualTo(303);
    assertThat(panel.plugins.operatorValue(PromptPlugin.ID, ada.id(), "enabled").isPresent())
        .isFalse();
    assertThat(audited(AuditEventType.PLUGIN_DISABLED_FOR_OPERATORS)).hasSize(1);
  }

  private Map<String, String> saveFields(String clientId, String secret, String failMode) {
    Map<String, String> fields = new LinkedHashMap<>(promptFields(clientId, secret, failMode));
    fields.put("action", "save");
    return fields;
  }

  @Test
  void savingFailOpen_showsThePluginsConsequenceFirst_withoutTheTypedSecret_thenSaves() {
    setUpPrompt(admin, "closed");
    var secretBefore = panel.plugins.settings(PromptPlugin.ID).get(PromptPlugin.CLIENT_SECRET);
    String typedSecret = "a-new-secret-typed-0123456789";

    Response asked =
        submit(
            admin, SETTINGS, SETTINGS, saveFields(PromptPlugin.KNOWN_CLIENT, typedSecret, "open"));

    assertThat(asked.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(asked);
    assertThat(asked.text())
        .contains("Save Example Prompt settings?")
        .contains("When Example Prompt cannot be reached: open")
        .contains(PromptPlugin.FAIL_OPEN_CONSEQUENCE)
        .contains(
            "what you typed is never put back into a page; this server holds it for a few minutes"
                + " for the Save below.");
    assertThat(asked.body())
        .doesNotContain(typedSecret)
        .contains("name=\"setting-" + PromptPlugin.FAIL_MODE + "\" value=\"open\"")
        .contains("name=\"setting-" + PromptPlugin.CLIENT_ID + "\"")
        .doesNotContain("name=\"setting-" + PromptPlugin.CLIENT_SECRET + "\"")
        .contains("name=\"confirmed\" value=\"yes\"", "href=\"" + SETTINGS + "\">Cancel</a>");
    assertThat(failMode()).as("asking saves nothing").isEqualTo("closed");

    // Only the hold's handle travels; a confirmation posted without it keeps the saved secret.
    assertThat(Html.inputValue(asked.body(), "held")).isPresent();
    Map<String, String> confirmed = saveFields(PromptPlugin.KNOWN_CLIENT, "", "open");
    confirmed.put("confirmed", "yes");
    assertThat(admin.post(SETTINGS, confirmed).status()).isEqualTo(403);
    Response done = submit(admin, SETTINGS, SETTINGS, confirmed);

    assertThat(done.location()).hasValue(SETTINGS + "?notice=plugin-settings-saved");
    assertThat(failMode()).isEqualTo("open");
    assertThat(panel.plugins.settings(PromptPlugin.ID).get(PromptPlugin.CLIENT_SECRET))
        .isEqualTo(secretBefore);
  }

  @Test
  void savingWithoutChangingToFailOpen_savesAtOnce() {
    setUpPrompt(admin, "closed");
    int savedBefore = audited(AuditEventType.PLUGIN_SETTINGS_CHANGED).size();

    Response closed =
        submit(admin, SETTINGS, SETTINGS, saveFields(PromptPlugin.KNOWN_CLIENT, "", "closed"));
    Map<String, String> open = saveFields(PromptPlugin.KNOWN_CLIENT, "", "open");
    open.put("confirmed", "yes");
    submit(admin, SETTINGS, SETTINGS, open);
    Response stillOpen =
        submit(admin, SETTINGS, SETTINGS, saveFields(PromptPlugin.KNOWN_CLIENT, "", "open"));

    assertThat(closed.status()).isEqualTo(303);
    assertThat(stillOpen.status()).as("open was saved already").isEqualTo(303);
    assertThat(audited(AuditEventType.PLUGIN_SETTINGS_CHANGED)).hasSize(savedBefore + 1);
  }

  @Test
  void aConfirmedSave_ofHostileValues_isCheckedAsAnySave() {
    setUpPrompt(admin, "closed");
    Map<String, String> hostile = saveFields("DI\u0000<script>" + "x".repeat(5_000), "", "open");

    Response asked = submit(admin, SETTINGS, SETTINGS, hostile);
    hostile.put("confirmed", "yes");
    Response refused = submit(admin, SETTINGS, SETTINGS, hostile);
    Map<String, String> notAChoice = saveFields(PromptPlugin.KNOWN_CLIENT, "", "ajar");
    notAChoice.put("confirmed", "yes");

    assertThat(asked.status()).isEqualTo(200);
    assertThat(asked.body()).doesNotContain("<script>", "x".repeat(5_000));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(submit(admin, SETTINGS, SETTINGS, notAChoice).status()).isEqualTo(422);
    assertThat(failMode()).isEqualTo("closed");
  }

  private String failMode() {
    return panel
        .plugins
        .settings(PromptPlugin.ID)
        .get(PromptPlugin.FAIL_MODE)
        .orElseThrow()
        .value();
  }
}
