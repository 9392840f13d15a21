package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.beginAuthenticatorSetup;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Every form refused for its fields opens with one error summary that takes the focus without a
 * script and links each problem to its field, which is marked invalid and described by its error.
 */
class ErrorSummaryIT {
  private static final Pattern SUMMARY_FIRST_IN_MAIN =
      Pattern.compile(
          "<main id=\"main\"[^>]*>\\s*<div class=\"alert alert-error error-summary\" role=\"alert\""
              + " id=\"error-summary\" tabindex=\"-1\" autofocus>(.*?)</div>",
          Pattern.DOTALL);
  private static final Pattern LINK = Pattern.compile("<a href=\"#([^\"]+)\">");
  private static final Pattern FIELD =
      Pattern.compile("<(?:input|select|textarea)\\b[^>]*>", Pattern.CASE_INSENSITIVE);

  @AutoClose private final TestPanel panel = TestPanel.start();
  private final Browser admin = panel.signedIn(TestPanel.ADMIN);
  private final String olivia = "/admin/operators/" + panel.operator(TestPanel.OPERATOR).id();

  /** Asserts the summary and returns the ids it links to. */
  private static List<String> assertSummaryLinksToFields(Response page) {
    String body = page.body();
    assertThat(page.status()).as("a refused form").isBetween(400, 499);
    Matcher summary = SUMMARY_FIRST_IN_MAIN.matcher(body);
    assertThat(summary.find()).as("the error summary, first in main: " + body).isTrue();
    assertThat(body.indexOf("id=\"error-summary\""))
        .isEqualTo(body.lastIndexOf("id=\"error-summary\""));
    List<String> targets = new ArrayList<>();
    Matcher link = LINK.matcher(summary.group(1));
    while (link.find()) {
      targets.add(link.group(1));
    }
    assertThat(targets).as("links in the summary").isNotEmpty();
    for (String target : targets) {
      String field = field(body, target);
      assertThat(field).as(target).contains("aria-invalid=\"true\"");
      Matcher described = Pattern.compile("aria-describedby=\"([^\"]+)\"").matcher(field);
      assertThat(described.find()).as(target + " is described by its error").isTrue();
      assertThat(described.group(1)).as(target).containsPattern("-(error|problem)\\b");
      for (String id : described.group(1).split(" ")) {
        assertThat(body).as(target + " described by " + id).contains("id=\"" + id + "\"");
      }
    }
    return targets;
  }

  private static String field(String body, String id) {
    Matcher fields = FIELD.matcher(body);
    while (fields.find()) {
      if (fields.group().contains(" id=\"" + id + "\"")) {
        return fields.group();
      }
    }
    throw new AssertionError("no field with the id " + id);
  }

  private String code(String secret) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(panel.clock.now()));
  }

  @Test
  void signIn_withAFieldProblem_andWithAWrongPassword() {
    Browser browser = panel.browser();

    assertThat(assertSummaryLinksToFields(signIn(browser, "ada\u0007", "x")))
        .containsExactly("login");
    assertThat(assertSummaryLinksToFields(signIn(browser, TestPanel.OPERATOR, "wrong-password")))
        .containsExactly("login");
  }

  @Test
  void enrolment_secondFactor_andTheAccountSecurityForms() {
    Browser browser = panel.browser();
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    beginAuthenticatorSetup(browser, "/account/security/totp");
    String secret = Html.totpSecret(browser.get("/account/security/totp").body());

    Response wrongFirstCode =
        submit(
            browser, "/account/security/totp", "/account/security/totp", Map.of("code", "000000"));
    assertThat(assertSummaryLinksToFields(wrongFirstCode)).containsExactly("code");
    submit(
        browser, "/account/security/totp", "/account/security/totp", Map.of("code", code(secret)));

    Response wrongRegenerate =
        submit(
            browser,
            "/account/security",
            "/account/security/recovery-codes",
            Map.of("code", "000000"));
    assertThat(assertSummaryLinksToFields(wrongRegenerate)).containsExactly("regenerate-code");
    Response wrongDisable =
        submit(
            browser,
            "/account/security",
            "/account/security/totp/disable",
            Map.of("code", "000000"));
    assertThat(assertSummaryLinksToFields(wrongDisable)).containsExactly("disable-code");

    signOut(browser, "/");
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    Response wrongCode =
        submit(browser, "/login/second-factor", "/login/second-factor", Map.of("code", "000000"));
    assertThat(assertSummaryLinksToFields(wrongCode)).containsExactly("code");
  }

  @Test
  void passwordChange_timeZone_andForgottenPassword() {
    Response password =
        submit(
            admin,
            "/account/password",
            "/account/password",
            Map.of("current", "wrong", "password", "short", "repeat", "other"));
    assertThat(assertSummaryLinksToFields(password)).contains("password", "repeat");
    Response wrongCurrent =
        submit(
            admin,
            "/account/password",
            "/account/password",
            Map.of(
                "current",
                "wrong-password",
                "password",
                "a-New-password-77",
                "repeat",
                "a-New-password-77"));
    assertThat(assertSummaryLinksToFields(wrongCurrent)).containsExactly("current");

    Response zone =
        submit(admin, "/account/time-zone", "/account/time-zone", Map.of("zone", "Mars/Olympus"));
    assertThat(assertSummaryLinksToFields(zone)).containsExactly("zone");

    Browser anyone = panel.browser();
    Response forgot = submit(anyone, "/login/forgot", "/login/forgot", Map.of("login", ""));
    assertThat(assertSummaryLinksToFields(forgot)).containsExactly("login");
  }

  @Test
  void refusalsOfTheWholeForm_areSummarisedAsAProblemOfItsFirstField() {
    Response password = null;
    for (int i = 0; i < 10 && (password == null || password.status() != 429); i++) {
      password =
          submit(
              admin,
              "/account/password",
              "/account/password",
              Map.of(
                  "current",
                  "wrong-" + i,
                  "password",
                  "a-New-password-77",
                  "repeat",
                  "a-New-password-77"));
    }
    assertThat(password.status()).isEqualTo(429);
    assertThat(assertSummaryLinksToFields(password)).containsExactly("current");
    assertThat(password.text()).contains("Too many failed attempts.");

    Browser anyone = panel.browser();
    Response forgot = null;
    for (int i = 0; i < 30 && (forgot == null || forgot.status() != 429); i++) {
      forgot = submit(anyone, "/login/forgot", "/login/forgot", Map.of("login", "name" + i));
    }
    assertThat(forgot.status()).isEqualTo(429);
    assertThat(assertSummaryLinksToFields(forgot)).containsExactly("login");
  }

  @Test
  void operatorNewAndEdit_andForceTwoFactor() {
    Response created =
        submit(
            admin,
            "/admin/operators/new",
            "/admin/operators",
            Map.of(
                "username", "",
                "email", "not-an-address",
                "displayName", "",
                "role", "operator",
                "password", "short"));
    assertThat(assertSummaryLinksToFields(created)).contains("username", "email", "password");

    Response edited =
        submit(
            admin,
            olivia,
            olivia,
            Map.of("email", "not-an-address", "displayName", "Olivia", "role", "operator"));
    assertThat(assertSummaryLinksToFields(edited)).containsExactly("email");

    Response settings =
        submit(admin, "/admin/settings", "/admin/settings", Map.of("requireTwoFactor", "maybe"));
    assertThat(assertSummaryLinksToFields(settings)).containsExactly("requireTwoFactor");
  }

  @Test
  void searches_auditFilters_andPluginPages() {
    PluginSteps.setUpPrompt(admin, "closed");
    PluginSteps.installAndActivate(admin, TestPlugins.WEBHOOKS.value());

    assertThat(assertSummaryLinksToFields(admin.get("/admin/operators?q=%01")))
        .containsExactly("q");
    assertThat(
            assertSummaryLinksToFields(admin.get("/admin/plugins/example-prompt/operators?q=%01")))
        .containsExactly("q");
    assertThat(assertSummaryLinksToFields(admin.get("/admin/audit?from=yesterday&type=NOPE")))
        .containsExactly("type", "from");

    Response settings =
        PluginSteps.saveSettings(
            admin,
            TestPlugins.WEBHOOKS.value(),
            Map.of("setting-url", "ftp://x", "setting-format", "xml", "setting-retries", "many"));
    assertThat(assertSummaryLinksToFields(settings))
        .contains("setting-url", "setting-format-0", "setting-retries");
  }
}
