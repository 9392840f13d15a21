package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.beginAuthenticatorSetup;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PluginSteps.PROMPT;
import static io.supportpro.adapter.in.web.testing.PluginSteps.PROMPT_STEP;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.callbackPath;
import static io.supportpro.adapter.in.web.testing.PluginSteps.continueToPrompt;
import static io.supportpro.adapter.in.web.testing.PluginSteps.promptFields;
import static io.supportpro.adapter.in.web.testing.PluginSteps.saveSettings;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setForOperator;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpPrompt;
import static io.supportpro.adapter.in.web.testing.PluginSteps.workingPromptFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PromptPlugin;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins.Outcome;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import io.supportpro.domain.session.SessionToken;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signing in with a plugin's prompt through the pages, with the test plugin's fake provider: the
 * journey straight from the password to the prompt and back, every way a callback can be wrong,
 * fail-open, and how the prompt and the built-in second factor take turns.
 */
class PromptSignInIT {
  private static final String NOT_THIS_BROWSER =
      "This confirmation does not belong to a sign-in in progress in this browser.";
  private static final String PROMPT_ADDRESS = "https://" + PromptPlugin.HOST + "/authorize?";
  private static final String OWN_CALLBACK = "http://localhost" + PromptPlugin.OWN_CALLBACK_PATH;

  private TestPanel panel;
  private Browser admin;
  private Browser browser;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    setUpPrompt(admin, "closed");
    panel.create("mallory", "operator");
    setForOperator(admin, PROMPT, panel.operator(TestPanel.OPERATOR).id().toString(), true);
    setForOperator(admin, PROMPT, panel.operator("mallory").id().toString(), true);
    browser = panel.browser();
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  /** Signs in with the password, which sends the browser to the prompt; returns its address. */
  private URI atPrompt(Browser who, String username) {
    Response password = signIn(who, username, TestPanel.PASSWORD);
    assertThat(password.status()).isEqualTo(303);
    assertThat(password.location())
        .hasValueSatisfying(l -> assertThat(l).startsWith(PROMPT_ADDRESS));
    return URI.create(password.location().orElseThrow());
  }

  private static void assertNoSession(Browser who) {
    Response home = who.get("/");
    assertThat(home.status()).isEqualTo(303);
    assertThat(home.location()).hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
  }

  /** A refusal page with the message, a way to sign in again, and no account shown. */
  private static void assertRefused(Response answer, int status, String message) {
    assertThat(answer.status()).isEqualTo(status);
    PagesIT.assertWellFormedPage(answer);
    assertThat(answer.text()).contains(message).contains("Sign in again");
    assertThat(answer.body()).contains("href=\"/login\"").doesNotContain("action=\"/logout\"");
    assertThat(answer.header("Cache-Control")).hasValue("no-store");
    assertThat(answer.header("Referrer-Policy")).hasValue("same-origin");
  }

  /** The answer clears the session cookie, and sets no other value for it first. */
  private static void assertCookieCleared(Response answer) {
    assertThat(answer.setCookies())
        .filteredOn(cookie -> cookie.startsWith(SESSION_COOKIE + "="))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie).startsWith(SESSION_COOKIE + "=; Max-Age=0"));
  }

  /**
   * The browser's sign-in was refused: a page saying why, the cookie cleared, no session left, and
   * the prompt plugin's failure audited with the reason.
   */
  private void assertSignInRefused(Response answer, int status, String message, String reason) {
    assertRefused(answer, status, message);
    assertCookieCleared(answer);
    assertNoSession(browser);
    assertThat(lastPromptFailure()).startsWith(reason);
  }

  /** The last failed second-factor step in the audit log. */
  private AuditEvent lastFailure() {
    return panel.audit.all().reversed().stream()
        .filter(e -> e.type() == AuditEventType.SECOND_FACTOR_FAILED)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no failed second-factor step audited"));
  }

  /** The reason of the last failed step of the prompt plugin. */
  private String lastPromptFailure() {
    AuditEvent failed = lastFailure();
    assertThat(failed.details()).containsEntry("factor", PROMPT);
    return failed.details().get("reason");
  }

  @Test
  void theJourney_passwordStraightToThePromptThenBackSignedIn() {
    Response password = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    // No page in between: the password's answer is the redirect to the prompt itself.
    assertThat(password.status()).isEqualTo(303);
    assertThat(password.body()).isEmpty();
    URI prompt = URI.create(password.location().orElseThrow());
    assertThat(prompt.toString()).startsWith(PROMPT_ADDRESS);
    assertThat(PromptPlugin.parameter(prompt, "redirect_uri")).isEqualTo(OWN_CALLBACK);
    assertThat(PromptPlugin.parameter(prompt, "login_hint")).isEqualTo(TestPanel.OPERATOR);
    assertThat(PromptPlugin.parameter(prompt, "client_id")).isEqualTo(PromptPlugin.KNOWN_CLIENT);
    assertThat(password.header("Cache-Control")).hasValue("no-store");
    assertThat(password.header("Referrer-Policy")).hasValue("same-origin");
    assertThat(password.setCookies())
        .filteredOn(cookie -> cookie.startsWith(SESSION_COOKIE + "="))
        .hasSize(1);
    String partial = browser.cookie(SESSION_COOKIE).orElseThrow();
    assertThat(panel.pendingSignIns.size()).isEqualTo(1);

    URI back = panel.prompt.approve(prompt);
    assertThat(back.getPath()).isEqualTo(PromptPlugin.OWN_CALLBACK_PATH);
    Response callback = browser.get(callbackPath(back));

    assertThat(callback.status()).isEqualTo(303);
    assertThat(callback.location()).hasValue("/");
    assertThat(callback.header("Cache-Control")).hasValue("no-store");
    assertThat(callback.header("Referrer-Policy")).hasValue("same-origin");
    String full = browser.cookie(SESSION_COOKIE).orElseThrow();
    assertThat(full).isNotEqualTo(partial);
    assertThat(browser.get("/").text()).contains("Signed in as Operator olivia");
    AuditEvent signedIn =
        panel.audit.all().reversed().stream()
            .filter(e -> e.type() == AuditEventType.SIGN_IN_SUCCEEDED)
            .findFirst()
            .orElseThrow();
    assertThat(signedIn.details()).containsEntry("second_factor", PROMPT);
    assertThat(signedIn.actor().name()).isEqualTo(TestPanel.OPERATOR);

    // The partial session is gone; its cookie opens nothing.
    Browser replay = panel.browser();
    replay.setCookie(SESSION_COOKIE, partial);
    assertNoSession(replay);
  }

  @Test
  void theAnswer_reachesThePluginWithEveryParameterButTheState() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));

    Response callback = browser.get(callbackPath(back) + "&session_state=abc");

    assertThat(callback.location()).hasValue("/");
    assertThat(panel.prompt.lastAnswer())
        .containsOnlyKeys("code", "session_state")
        .containsEntry("code", PromptPlugin.parameter(back, "code"))
        .containsEntry("session_state", "abc");
  }

  @Test
  void theSharedCallbackAddress_completesASignInToo() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));

    Response callback = browser.get("/login/callback?" + back.getRawQuery());

    assertThat(callback.status()).isEqualTo(303);
    assertThat(callback.location()).hasValue("/");
    assertThat(browser.get("/").status()).isEqualTo(200);
  }

  @Test
  void thePageAskedForBeforeSigningIn_isShownOnceThePromptApproves() {
    Response password =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);
    URI back = panel.prompt.approve(URI.create(password.location().orElseThrow()));

    Response callback = browser.get(callbackPath(back));

    assertThat(callback.status()).isEqualTo(303);
    assertThat(callback.location()).hasValue("/account/security");
    assertThat(browser.follow(callback).status()).isEqualTo(200);
  }

  @Test
  void aSessionThatComesBack_getsAPageWhoseButtonStartsThePromptAgain() {
    Response password =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);
    URI first = URI.create(password.location().orElseThrow());

    Response home = browser.get("/");
    assertThat(home.location()).hasValue(PROMPT_STEP);
    Response step = browser.get(PROMPT_STEP + "?next=%2Faccount%2Fsecurity");
    assertThat(step.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(step);
    assertThat(step.text()).contains("Confirm your sign-in with Example Prompt");
    assertThat(step.body())
        .contains("action=\"/login/prompt\"", "name=\"csrf\"")
        .contains("<input type=\"hidden\" name=\"next\" value=\"/account/security\">")
        .contains(
            "<button type=\"submit\" class=\"button button-primary\">Continue to Example"
                + " Prompt</button>");

    Response again =
        submit(browser, PROMPT_STEP + "?next=%2Faccount%2Fsecurity", PROMPT_STEP, Map.of());

    assertThat(again.status()).isEqualTo(303);
    URI second = URI.create(again.location().orElseThrow());
    assertThat(second.toString()).startsWith(PROMPT_ADDRESS);
    assertThat(PromptPlugin.parameter(second, "state"))
        .isNotEqualTo(PromptPlugin.parameter(first, "state"));
    assertThat(panel.pendingSignIns.size()).isEqualTo(2);
    Response callback = browser.get(callbackPath(panel.prompt.approve(second)));
    assertThat(callback.location()).hasValue("/account/security");
  }

  @Test
  void thePromptStep_changesNothingUntilItsButtonIsPressedWithItsToken() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    int pending = panel.pendingSignIns.size();
    int events = panel.audit.all().size();

    browser.get(PROMPT_STEP);
    browser.get(PROMPT_STEP + "?next=%2Fadmin");
    Response forged = browser.post(PROMPT_STEP, Map.of("csrf", "forged"));
    Response none = browser.post(PROMPT_STEP, Map.of());

    assertThat(forged.status()).isEqualTo(403);
    assertThat(none.status()).isEqualTo(403);
    assertThat(panel.pendingSignIns.size()).isEqualTo(pending);
    assertThat(panel.audit.all()).hasSize(events);
    assertThat(continueToPrompt(browser).status()).isEqualTo(303);
    assertThat(panel.pendingSignIns.size()).isEqualTo(pending + 1);
  }

  @Test
  void aSessionWaitingForThePrompt_reachesOnlyItsStepTheCallbackAndSignOut() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    for (String page :
        List.of(
            "/",
            "/account/security",
            "/account/security/totp",
            "/login/second-factor",
            "/login/enrol",
            "/admin/plugins",
            "/admin/plugins/example-prompt/settings",
            "/admin/plugins/example-prompt/operators")) {
      Response refused = browser.get(page);
      assertThat(refused.status()).as(page).isEqualTo(303);
      assertThat(refused.location()).as(page).hasValue(PROMPT_STEP);
    }
    String csrf = Html.csrf(browser.get(PROMPT_STEP).body());
    for (String form :
        List.of("/login/second-factor", "/account/security/totp/begin", "/admin/settings")) {
      Response refused = browser.post(form, Map.of("csrf", csrf, "code", "123456"));
      assertThat(refused.location()).as(form).hasValue(PROMPT_STEP);
    }
    assertThat(panel.totp.find(panel.operator(TestPanel.OPERATOR).id())).isEmpty();
    assertThat(browser.get(PROMPT_STEP).status()).isEqualTo(200);
    assertThat(browser.get(PromptPlugin.OWN_CALLBACK_PATH + "?state=x").status()).isEqualTo(403);

    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    Response out = signOut(browser, PROMPT_STEP);
    assertThat(out.location()).hasValue("/login?notice=signed-out");
  }

  @Test
  void thePromptStep_isForSessionsWaitingForAPromptOnly() {
    Response anonymous = browser.get(PROMPT_STEP);
    assertThat(anonymous.location()).hasValue("/login");

    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    assertThat(browser.get(PROMPT_STEP).location()).hasValue("/");

    Browser late = panel.browser();
    signIn(late, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String csrf = Html.csrf(late.get(PROMPT_STEP).body());
    panel.clock.advance(Duration.ofMinutes(11));
    assertThat(late.get(PROMPT_STEP).location()).hasValue("/login?notice=ended");
    signIn(late, TestPanel.OPERATOR, TestPanel.PASSWORD);
    int pending = panel.pendingSignIns.size();
    panel.clock.advance(Duration.ofMinutes(11));
    Response stale = late.post(PROMPT_STEP, Map.of("csrf", csrf));
    assertThat(stale.location()).hasValue("/login?notice=ended");
    assertThat(panel.pendingSignIns.size()).isEqualTo(pending);
  }

  @Test
  void anUnknownState_isRefusedAndEndsTheSignInInProgress() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    String forged = SessionToken.randomText();

    Response answer =
        browser.get(callbackPath(back).replace(PromptPlugin.parameter(back, "state"), forged));

    assertRefused(answer, 403, NOT_THIS_BROWSER);
    assertCookieCleared(answer);
    assertNoSession(browser);
    assertThat(lastFailure().details())
        .containsEntry("factor", "prompt")
        .containsEntry("reason", "unknown_state");
    // The sign-in the browser had in progress cannot be finished now either.
    assertThat(browser.get(callbackPath(back)).status()).isEqualTo(403);
    assertNoSession(browser);
  }

  @Test
  void aReplayedState_isRefusedWithoutSigningAnyoneIn() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    assertThat(browser.get(callbackPath(back)).location()).hasValue("/");

    Browser attacker = panel.browser();
    Response replayed = attacker.get(callbackPath(back));
    assertRefused(replayed, 403, NOT_THIS_BROWSER);
    assertNoSession(attacker);
    assertThat(lastFailure().details())
        .containsEntry("factor", "prompt")
        .containsEntry("reason", "unknown_state");

    // The same browser, signed in by now, keeps its session when it replays the address.
    Response again = browser.get(callbackPath(back));
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.setCookie(SESSION_COOKIE)).isEmpty();
    assertThat(browser.get("/").status()).isEqualTo(200);
  }

  @Test
  void aDuplicateOfTheCallbackFromTheSameBrowser_goesOnToTheSamePageAndLeavesTheCookieAlone()
      throws Exception {
    Response password =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);
    String partial = browser.cookie(SESSION_COOKIE).orElseThrow();
    URI back = panel.prompt.approve(URI.create(password.location().orElseThrow()));
    PromptPlugin.Hold hold = panel.prompt.holdNextAnswer();
    CompletableFuture<Response> first =
        CompletableFuture.supplyAsync(() -> browser.get(callbackPath(back)));
    hold.awaitReached();

    // A retry of the same address from the same browser while the first arrival is checked.
    Browser retry = panel.browser();
    retry.setCookie(SESSION_COOKIE, partial);
    Response duplicate = retry.get(callbackPath(back));
    hold.release();
    Response completed = first.get(10, TimeUnit.SECONDS);

    assertThat(duplicate.status()).isEqualTo(303);
    assertThat(duplicate.location()).hasValue("/account/security");
    assertThat(duplicate.setCookies()).isEmpty();
    assertThat(completed.status()).isEqualTo(303);
    assertThat(completed.location()).hasValue("/account/security");
    assertThat(completed.setCookie(SESSION_COOKIE)).isPresent();
    assertThat(browser.get("/").text()).contains("Signed in as Operator olivia");
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.SIGN_IN_SUCCEEDED)
        .filteredOn(e -> e.actor().name().equals(TestPanel.OPERATOR))
        .hasSize(1);
  }

  @Test
  void anotherBrowsersState_isRefusedAndEndsBothSignIns() {
    URI victimBack = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    Browser attacker = panel.browser();
    atPrompt(attacker, "mallory");

    Response stolen = attacker.get(callbackPath(victimBack));

    assertRefused(stolen, 403, NOT_THIS_BROWSER);
    assertCookieCleared(stolen);
    assertNoSession(attacker);
    assertThat(lastPromptFailure()).isEqualTo("other_browser");
    assertThat(lastFailure().actor().name()).isEqualTo(TestPanel.OPERATOR);
    // The victim's sign-in was exposed, so it ends too.
    assertThat(browser.get(callbackPath(victimBack)).status()).isEqualTo(403);
    assertNoSession(browser);
  }

  @Test
  void aCallbackWithoutACookie_isRefused() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    Browser bare = panel.browser();

    Response answer = bare.get(callbackPath(back));

    assertRefused(answer, 403, NOT_THIS_BROWSER);
    assertThat(answer.setCookie(SESSION_COOKIE)).isEmpty();
    assertNoSession(bare);
    assertThat(lastPromptFailure()).isEqualTo("other_browser");
    assertNoSession(browser);
  }

  @Test
  void aCallbackAfterFiveMinutes_isRefusedAsExpired() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    panel.clock.advance(Duration.ofMinutes(6));

    Response answer = browser.get(callbackPath(back));

    assertRefused(
        answer,
        403,
        "The confirmation took longer than five minutes, so your sign-in was not completed.");
    assertCookieCleared(answer);
    assertNoSession(browser);
    assertThat(lastPromptFailure()).isEqualTo("expired");
  }

  @Test
  void aSignInThePromptDenies_isRefusedWithThePluginsWords() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    panel.prompt.answer(Outcome.DENY);

    Response answer = browser.get(callbackPath(back));

    assertSignInRefused(answer, 403, PromptPlugin.DENIED, "refused: denied");
  }

  @Test
  void anAnswerForAnotherUser_isRefused() {
    URI back = panel.prompt.approveAs(atPrompt(browser, TestPanel.OPERATOR), "mallory");

    Response answer = browser.get(callbackPath(back));

    assertSignInRefused(answer, 403, PromptPlugin.NOT_VERIFIED, "refused: wrong_user");
  }

  @Test
  void anErrorFromThePrompt_isRefusedAndItsTextIsNeverShown() {
    URI back = panel.prompt.deny(atPrompt(browser, TestPanel.OPERATOR));
    assertThat(back.getRawQuery()).contains("error=access_denied");

    Response answer =
        browser.get(
            callbackPath(back).replace("Access+denied", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"));

    assertSignInRefused(
        answer, 403, PromptPlugin.PROMPT_ERROR, "refused: prompt_error: access_denied");
    assertThat(answer.body()).doesNotContain("<script>alert", "access_denied");
  }

  @Test
  void aTamperedOrReplayedAnswer_isRefused() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    String code = PromptPlugin.parameter(back, "code");

    Response answer = browser.get(callbackPath(back).replace(code, code.substring(1) + "0"));

    assertSignInRefused(answer, 403, PromptPlugin.NOT_VERIFIED, "refused: invalid_response");

    // A code works once: one that signed in completes no later sign-in.
    Browser first = panel.browser();
    URI used = panel.prompt.approve(atPrompt(first, TestPanel.OPERATOR));
    assertThat(first.get(callbackPath(used)).location()).hasValue("/");
    Browser later = panel.browser();
    String state = PromptPlugin.parameter(atPrompt(later, TestPanel.OPERATOR), "state");
    Response replayed =
        later.get(
            PromptPlugin.OWN_CALLBACK_PATH
                + "?state="
                + state
                + "&code="
                + PromptPlugin.parameter(used, "code"));
    assertRefused(replayed, 403, PromptPlugin.NOT_VERIFIED);
    assertNoSession(later);
    assertThat(lastPromptFailure()).startsWith("refused: invalid_response");
  }

  @Test
  void thePromptGoingDownBeforeTheCallback_isA503WhateverTheFailMode() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    panel.prompt.answer(Outcome.UNAVAILABLE);

    Response answer = browser.get(callbackPath(back));

    assertSignInRefused(answer, 503, PromptPlugin.UNREACHABLE, "unavailable: unreachable");

    // After the redirect, failing open would let anyone who can provoke a failure through.
    panel.prompt.answer(Outcome.ALLOW);
    assertThat(saveSettings(admin, PROMPT, workingPromptFields("open")).status()).isEqualTo(303);
    Browser other = panel.browser();
    URI again = panel.prompt.approve(atPrompt(other, TestPanel.OPERATOR));
    panel.prompt.answer(Outcome.UNAVAILABLE);
    assertRefused(other.get(callbackPath(again)), 503, PromptPlugin.UNREACHABLE);
    assertNoSession(other);
    assertThat(panel.audit.all())
        .noneMatch(e -> e.type() == AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN);
  }

  @Test
  void aPluginTurnedOffBeforeTheCallback_asksToSignInAgain() {
    URI back = panel.prompt.approve(atPrompt(browser, TestPanel.OPERATOR));
    act(admin, PROMPT, "deactivate");

    Response answer = browser.get(callbackPath(back));

    assertSignInRefused(
        answer,
        403,
        "The sign-in settings changed while you were signing in, so your sign-in was not"
            + " completed. Sign in again.",
        "settings_changed");
  }

  @Test
  void hostileCallbackParameters_areRefusedWithAPageNeverAFailure() {
    atPrompt(browser, TestPanel.OPERATOR);
    List<String> queries =
        List.of(
            "",
            "state=",
            "state=" + "A".repeat(3_000) + "&code=x",
            "state=abc%00def%0Aghi&code=x",
            "state=%F0%9F%99%82" + "x".repeat(30) + "&code=%3Cb%3E",
            "state=" + SessionToken.randomText() + "&code=" + "c".repeat(3_000),
            "state=" + SessionToken.randomText() + "&error=%3Cimg%20src%3Dx%3E",
            "state=a&state=b&code=1&code=2",
            "code=only-a-code");
    for (String path : List.of(PromptPlugin.OWN_CALLBACK_PATH, "/login/callback")) {
      for (String query : queries) {
        Response answer = browser.get(path + "?" + query);
        assertThat(answer.status()).as(path + "?" + query).isBetween(400, 499);
        assertThat(answer.body()).as(query).doesNotContain("<img src=x", "<b>");
        assertThat(answer.text()).as(query).contains("Sign in again");
      }
      assertThat(browser.get(path + "?state=%C3%28").status()).isEqualTo(400);
    }
    assertNoSession(browser);
  }

  @Test
  void withTheFailModeClosed_anUnreachablePromptRefusesThePasswordWith503() {
    panel.prompt.answer(Outcome.UNAVAILABLE);

    Response answer = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertRefused(answer, 503, PromptPlugin.UNREACHABLE);
    assertCookieCleared(answer);
    assertThat(browser.cookie(SESSION_COOKIE)).isEmpty();
    // Only the administrator's session is left: the half-signed-in one ended with the refusal.
    assertThat(panel.sessions.size()).isEqualTo(1);
    assertThat(panel.pendingSignIns.size()).isZero();
    assertThat(lastPromptFailure()).startsWith("unavailable: unreachable");
    assertThat(panel.audit.all())
        .noneMatch(e -> e.type() == AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN);
  }

  @Test
  void withTheFailModeOpen_anUnreachablePromptLetsThePasswordAloneThroughWithANotice() {
    assertThat(saveSettings(admin, PROMPT, workingPromptFields("open")).status()).isEqualTo(303);
    panel.prompt.answer(Outcome.UNAVAILABLE);

    Response answer =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.location()).hasValue("/account/security?notice=second-factor-skipped");
    assertThat(answer.setCookies())
        .filteredOn(cookie -> cookie.startsWith(SESSION_COOKIE + "="))
        .hasSize(1);
    Response page = browser.follow(answer);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text())
        .contains(
            "Your second factor could not be reached, so you were signed in with your password"
                + " only");
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("factor", PROMPT));

    // A provider that turns the sign-in away is no outage: open lets no one through then.
    panel.prompt.answer(Outcome.DENY);
    Browser other = panel.browser();
    assertRefused(signIn(other, "mallory", TestPanel.PASSWORD), 403, PromptPlugin.DENIED);
    assertNoSession(other);
  }

  @Test
  void aSessionThatComesBackWhileThePromptIsDown_isLetThroughOnlyWhenItsSettingsFailOpen() {
    assertThat(saveSettings(admin, PROMPT, workingPromptFields("open")).status()).isEqualTo(303);
    Response password =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(password.location())
        .hasValueSatisfying(l -> assertThat(l).startsWith(PROMPT_ADDRESS));
    String partial = browser.cookie(SESSION_COOKIE).orElseThrow();
    panel.prompt.answer(Outcome.UNAVAILABLE);

    Response answer =
        submit(browser, PROMPT_STEP + "?next=%2Faccount%2Fsecurity", PROMPT_STEP, Map.of());

    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.location()).hasValue("/account/security?notice=second-factor-skipped");
    assertThat(browser.cookie(SESSION_COOKIE).orElseThrow()).isNotEqualTo(partial);
    assertThat(browser.follow(answer).status()).isEqualTo(200);

    panel.prompt.answer(Outcome.ALLOW);
    assertThat(saveSettings(admin, PROMPT, workingPromptFields("closed")).status()).isEqualTo(303);
    Browser other = panel.browser();
    atPrompt(other, "mallory");
    panel.prompt.answer(Outcome.UNAVAILABLE);
    Response closed = continueToPrompt(other);
    assertRefused(closed, 503, PromptPlugin.UNREACHABLE);
    assertCookieCleared(closed);
    assertNoSession(other);
  }

  @Test
  void aPromptThatCannotStart_refusesThePasswordWithThePluginsWords() {
    panel.prompt.answer(Outcome.DENY);
    Response denied = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertSignInRefused(denied, 403, PromptPlugin.DENIED, "refused: denied");

    // Settings the provider does not know refuse the sign-in too, whatever the fail mode.
    panel.prompt.answer(Outcome.ALLOW);
    assertThat(
            saveSettings(
                    admin,
                    PROMPT,
                    promptFields(PromptPlugin.KNOWN_CLIENT, "another-secret-0123456789", "open"))
                .status())
        .isEqualTo(303);
    Response rejected = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertSignInRefused(
        rejected, 403, PromptPlugin.CREDENTIALS_REJECTED, "refused: credentials_rejected");
    assertThat(panel.pendingSignIns.size()).isZero();
  }

  @Test
  void aPluginTurnedOffDuringTheSignIn_asksToSignInAgain() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String csrf = Html.csrf(browser.get(PROMPT_STEP).body());
    act(admin, PROMPT, "deactivate");

    Response answer = browser.post(PROMPT_STEP, Map.of("csrf", csrf));

    assertRefused(
        answer, 403, "The sign-in settings changed while you were signing in. Sign in again.");
    assertCookieCleared(answer);
    assertThat(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD).location()).hasValue("/");
  }

  @Test
  void thePromptReplacesTheAuthenticatorApp_andTheAppIsAskedForAgainWhenThePromptNoLongerApplies() {
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();
    setForOperator(admin, PROMPT, olivia, false);
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    beginAuthenticatorSetup(browser, "/account/security/totp");
    String secret = Html.totpSecret(browser.get("/account/security/totp").body());
    submit(
        browser,
        "/account/security/totp",
        "/account/security/totp",
        Map.of("code", Totp.code(TotpSecret.fromBase32(secret), Totp.step(panel.clock.now()))));
    signOut(browser, "/");
    assertThat(stepAfterPassword()).isEqualTo("/login/second-factor");

    setForOperator(admin, PROMPT, olivia, true);
    assertThat(stepAfterPassword()).startsWith(PROMPT_ADDRESS);
    Browser promptOnly = panel.browser();
    assertThat(signIn(promptOnly, TestPanel.OPERATOR, TestPanel.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).startsWith(PROMPT_ADDRESS));
    assertThat(promptOnly.get("/login/second-factor").location()).hasValue(PROMPT_STEP);

    act(admin, PROMPT, "deactivate");
    assertThat(stepAfterPassword()).isEqualTo("/login/second-factor");
    act(admin, PROMPT, "activate");
    assertThat(stepAfterPassword()).startsWith(PROMPT_ADDRESS);

    setForOperator(admin, PROMPT, olivia, false);
    assertThat(stepAfterPassword()).isEqualTo("/login/second-factor");
    setForOperator(admin, PROMPT, olivia, true);
    assertThat(stepAfterPassword()).startsWith(PROMPT_ADDRESS);

    act(admin, PROMPT, "uninstall");
    assertThat(stepAfterPassword()).isEqualTo("/login/second-factor");
    setUpPrompt(admin, "closed");
    assertThat(stepAfterPassword()).isEqualTo("/login/second-factor");
  }

  /** Where a fresh browser goes after olivia's password. */
  private String stepAfterPassword() {
    return signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD).location().orElseThrow();
  }

  @Test
  void junkCallbacksFromOneAddress_areAnswered429WithRetryAfterOnceThrottled() {
    Browser stranger = panel.browser();
    List<Integer> statuses = new ArrayList<>();
    Response last = null;
    for (int i = 0; i < 25; i++) {
      // Every callback address counts against the same budget.
      String path = i % 2 == 0 ? "/login/callback" : PromptPlugin.OWN_CALLBACK_PATH;
      last = stranger.get(path + "?state=" + SessionToken.randomText() + "&code=x");
      statuses.add(last.status());
    }

    assertThat(statuses.subList(0, 20)).containsOnly(403);
    assertThat(statuses.subList(20, 25)).containsOnly(429);
    assertThat(last.header("Retry-After")).hasValue("30");
    assertThat(last.text()).contains("Try again in 30 seconds.", "Sign in again");
    assertThat(panel.audit.entries())
        .filteredOn(e -> e.event().type() == AuditEventType.SECOND_FACTOR_THROTTLED)
        .singleElement()
        .satisfies(e -> assertThat(e.occurrences()).isEqualTo(5));
  }
}
