package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.beginAuthenticatorSetup;
import static io.supportpro.adapter.in.web.testing.PanelSteps.passSecondFactor;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PanelSteps.wrongCodesUntilThrottled;
import static io.supportpro.adapter.in.web.testing.PluginSteps.CODE;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setForOperator;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.CodePlugin;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins.Outcome;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.secondfactor.CodeField;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signing in with a plugin's code on the panel's own second-factor page, with the test plugin's
 * scripted provider: the page in the plugin's words, the code checked by the plugin, and what its
 * refusals and outages look like.
 */
class PluginCodeSignInIT {
  private TestPanel panel;
  private Browser admin;
  private Browser browser;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    setUpCode(admin);
    setForOperator(admin, CODE, panel.operator(TestPanel.OPERATOR).id().toString(), true);
    browser = panel.browser();
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  /** The page asks for the code as the field says: title, heading, instructions and label. */
  private static void assertAsksFor(Response page, CodeField field) {
    PagesIT.assertWellFormedPage(page);
    assertThat(page.body())
        .contains("<title>" + field.title() + " · SupportPro</title>")
        .contains("<h1>" + field.title() + "</h1>")
        .contains("<p class=\"lead\">" + field.instructions() + "</p>")
        .contains("<label for=\"code\">" + field.label() + "</label>")
        .contains("action=\"/login/second-factor\"", "autocomplete=\"one-time-code\"");
  }

  @Test
  void theStep_asksForThePluginsCodeInItsOwnWords() {
    Response password = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(password.status()).isEqualTo(303);
    assertThat(password.location()).hasValue("/login/second-factor");

    Response page = browser.follow(password);

    assertThat(page.status()).isEqualTo(200);
    assertAsksFor(page, CodePlugin.FIELD);
    assertThat(page.text()).doesNotContain("authenticator app", "recovery code");
    assertThat(browser.get("/").location()).hasValue("/login/second-factor");
    assertThat(browser.get("/login/prompt").location()).hasValue("/login/second-factor");
  }

  @Test
  void theBuiltInStep_keepsTheAuthenticatorAppsWords() {
    setForOperator(admin, CODE, panel.operator(TestPanel.OPERATOR).id().toString(), false);
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    beginAuthenticatorSetup(browser, "/account/security/totp");
    String secret = Html.totpSecret(browser.get("/account/security/totp").body());
    submit(
        browser,
        "/account/security/totp",
        "/account/security/totp",
        Map.of("code", Totp.code(TotpSecret.fromBase32(secret), Totp.step(panel.clock.now()))));
    signOut(browser, "/");

    Response password = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertThat(password.location()).hasValue("/login/second-factor");
    assertAsksFor(
        browser.follow(password),
        new CodeField(
            "Two-factor authentication",
            "Enter the 6-digit code that your authenticator app shows for SupportPro. If you cannot"
                + " use the app, enter one of your recovery codes instead.",
            "Authentication code or recovery code"));
    // A plugin code is no authenticator code.
    assertThat(passSecondFactor(browser, CodePlugin.RIGHT_CODE).status()).isEqualTo(401);
  }

  @Test
  void theRightCode_signsInAndAWrongOneIsRefusedInThePluginsWords() {
    Response password =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);
    String step = password.location().orElseThrow();
    assertThat(step).isEqualTo("/login/second-factor?next=%2Faccount%2Fsecurity");
    String partial = browser.cookie(SESSION_COOKIE).orElseThrow();

    Response wrong = submit(browser, step, "/login/second-factor", Map.of("code", "135791"));
    assertThat(wrong.status()).isEqualTo(401);
    assertAsksFor(wrong, CodePlugin.FIELD);
    assertThat(wrong.text()).contains(CodePlugin.WRONG_CODE);
    assertThat(wrong.body()).contains("aria-invalid=\"true\"");

    Response right =
        submit(browser, step, "/login/second-factor", Map.of("code", CodePlugin.RIGHT_CODE));

    assertThat(right.status()).isEqualTo(303);
    assertThat(right.location()).hasValue("/account/security");
    assertThat(browser.cookie(SESSION_COOKIE).orElseThrow()).isNotEqualTo(partial);
    assertThat(browser.get("/").text()).contains("Signed in as Operator olivia");
    AuditEvent signedIn =
        panel.audit.all().reversed().stream()
            .filter(e -> e.type() == AuditEventType.SIGN_IN_SUCCEEDED)
            .findFirst()
            .orElseThrow();
    // The plugin got its saved settings, and says what passed.
    assertThat(signedIn.details())
        .containsEntry("second_factor", CodePlugin.ID.value())
        .containsEntry(CodePlugin.DELIVERY, "sms");
    assertThat(signedIn.actor().name()).isEqualTo(TestPanel.OPERATOR);
  }

  @Test
  void aProviderThatDeniesOrCannotBeReached_leavesTheStepOpenWithItsMessage() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    panel.code.answer(Outcome.DENY);
    Response denied = passSecondFactor(browser, CodePlugin.RIGHT_CODE);
    panel.code.answer(Outcome.UNAVAILABLE);
    Response unreachable = passSecondFactor(browser, CodePlugin.RIGHT_CODE);

    assertThat(denied.status()).isEqualTo(401);
    assertAsksFor(denied, CodePlugin.FIELD);
    assertThat(denied.text()).contains(CodePlugin.DENIED);
    assertThat(unreachable.status()).isEqualTo(503);
    assertAsksFor(unreachable, CodePlugin.FIELD);
    assertThat(unreachable.text()).contains(CodePlugin.UNREACHABLE);
    assertThat(browser.get("/").location()).hasValue("/login/second-factor");
    panel.code.answer(Outcome.ALLOW);
    assertThat(passSecondFactor(browser, CodePlugin.RIGHT_CODE).location()).hasValue("/");
  }

  @Test
  void wrongCodes_areThrottledWith429() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response answer = wrongCodesUntilThrottled(browser);

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("Retry-After"))
        .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
    assertAsksFor(answer, CodePlugin.FIELD);
    assertThat(passSecondFactor(browser, CodePlugin.RIGHT_CODE).status()).isEqualTo(429);
  }

  @Test
  void aPluginTurnedOffAfterThePassword_endsTheSignInSoThatTheNextOneAppliesWhatHoldsNow() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String csrf = Html.csrf(browser.get("/login/second-factor").body());
    act(admin, CODE, "deactivate");

    Response page = browser.get("/login/second-factor");
    assertThat(page.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.body()).contains("href=\"/login\"");

    Response code =
        browser.post("/login/second-factor", Map.of("csrf", csrf, "code", CodePlugin.RIGHT_CODE));
    assertThat(code.status()).isEqualTo(303);
    assertThat(code.location()).hasValue("/login?notice=ended");
    assertThat(browser.cookie(SESSION_COOKIE)).isEmpty();
    assertThat(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD).location()).hasValue("/");
  }
}
