package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.beginAuthenticatorSetup;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PluginSteps.DUO;
import static io.supportpro.adapter.in.web.testing.PluginSteps.DUO_HOST;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.callbackPath;
import static io.supportpro.adapter.in.web.testing.PluginSteps.continueToDuo;
import static io.supportpro.adapter.in.web.testing.PluginSteps.saveSettings;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setDuo;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpDuo;
import static io.supportpro.adapter.in.web.testing.PluginSteps.workingDuoFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.out.DuoGateway;
import io.supportpro.application.testing.DuoFault;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signing in with Duo through the pages, with the in-memory Duo: the journey, every way a callback
 * can be wrong, the fail mode, and how Duo and the built-in second factor take turns.
 */
class DuoSignInIT {
  private static final String DENIED_OR_UNVERIFIED =
      "Duo's answer could not be verified, so your sign-in was not completed. Sign in again.";
  private static final String NOT_THIS_BROWSER =
      "This Duo confirmation does not belong to a sign-in in progress in this browser.";

  private TestPanel panel;
  private Browser admin;
  private Browser browser;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    setUpDuo(admin, "closed");
    panel.create("mallory", "operator");
    setDuo(admin, panel.operator(TestPanel.OPERATOR).id().toString(), true);
    setDuo(admin, panel.operator("mallory").id().toString(), true);
    browser = panel.browser();
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  /** Signs in with the password and presses Continue to Duo; returns the prompt's address. */
  private URI atDuo(Browser who, String username) {
    Response password = signIn(who, username, TestPanel.PASSWORD);
    assertThat(password.location()).hasValue("/login/duo");
    Response toDuo = continueToDuo(who);
    assertThat(toDuo.status()).isEqualTo(303);
    return URI.create(toDuo.location().orElseThrow());
  }

  private static void assertNoSession(Browser who) {
    Response home = who.get("/");
    assertThat(home.status()).isEqualTo(303);
    assertThat(home.location()).hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
  }

  /** A refusal page with the message, a way to sign in again, and the session cookie cleared. */
  private static void assertRefused(Response answer, int status, String message) {
    assertThat(answer.status()).isEqualTo(status);
    PagesIT.assertWellFormedPage(answer);
    assertThat(answer.text()).contains(message).contains("Sign in again");
    assertThat(answer.body()).contains("href=\"/login\"").doesNotContain("action=\"/logout\"");
    assertThat(answer.header("Cache-Control")).hasValue("no-store");
    assertThat(answer.header("Referrer-Policy")).hasValue("same-origin");
  }

  private static void assertCookieCleared(Response answer) {
    assertThat(answer.setCookie(SESSION_COOKIE))
        .hasValueSatisfying(cookie -> assertThat(cookie).contains("Max-Age=0"));
  }

  /** The reason of the last failed Duo step in the audit log. */
  private String lastDuoFailure() {
    return panel.audit.all().reversed().stream()
        .filter(e -> e.type() == AuditEventType.SECOND_FACTOR_FAILED)
        .filter(e -> "duo".equals(e.details().get("factor")))
        .findFirst()
        .map(e -> e.details().get("reason"))
        .orElseThrow(() -> new AssertionError("no failed Duo step audited"));
  }

  private static String state(URI callback) {
    for (String pair : callback.getRawQuery().split("&")) {
      if (pair.startsWith("state=")) {
        return pair.substring("state=".length());
      }
    }
    throw new AssertionError("no state in " + callback);
  }

  @Test
  void theJourney_passwordThenDuoThenSignedIn() {
    Response password = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(password.status()).isEqualTo(303);
    assertThat(password.location()).hasValue("/login/duo");
    String partial = browser.cookie(SESSION_COOKIE).orElseThrow();

    Response step = browser.follow(password);
    assertThat(step.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(step);
    assertThat(step.text()).contains("Confirm your sign-in with Duo");
    assertThat(step.body())
        .contains("action=\"/login/duo\"", "name=\"csrf\"")
        .contains(
            "<button type=\"submit\" class=\"button button-primary\">Continue to Duo</button>");
    assertThat(panel.pendingSignIns.size()).isZero();

    Response toDuo = continueToDuo(browser);
    assertThat(toDuo.status()).isEqualTo(303);
    assertThat(toDuo.location())
        .hasValueSatisfying(
            l -> assertThat(l).startsWith("https://" + DUO_HOST + "/oauth/v1/authorize?"));
    assertThat(panel.pendingSignIns.size()).isEqualTo(1);

    URI back = panel.duo.approve(URI.create(toDuo.location().get()));
    assertThat(back.getPath()).isEqualTo("/duo/callback");
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
    assertThat(signedIn.details()).containsEntry("second_factor", "duo");
    assertThat(signedIn.actor().name()).isEqualTo(TestPanel.OPERATOR);

    // The partial session is gone; its cookie opens nothing.
    Browser replay = panel.browser();
    replay.setCookie(SESSION_COOKIE, partial);
    assertNoSession(replay);
  }

  @Test
  void thePageAskedForBeforeSigningIn_isShownOnceDuoApproves() {
    Response password =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);
    Response toDuo = submit(browser, password.location().orElseThrow(), "/login/duo", Map.of());
    URI back = panel.duo.approve(URI.create(toDuo.location().orElseThrow()));

    Response callback = browser.get(callbackPath(back));

    assertThat(callback.status()).isEqualTo(303);
    assertThat(callback.location()).hasValue("/account/security");
    assertThat(browser.follow(callback).status()).isEqualTo(200);
  }

  @Test
  void theCodeParameter_isAcceptedAsWellAsDuoCode() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));

    Response callback = browser.get(callbackPath(back).replace("duo_code=", "code="));

    assertThat(callback.location()).hasValue("/");
    assertThat(browser.get("/").status()).isEqualTo(200);
  }

  @Test
  void theDuoStep_changesNothingUntilItsButtonIsPressedWithItsToken() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    int events = panel.audit.all().size();

    browser.get("/login/duo");
    browser.get("/login/duo?next=%2Fadmin");
    Response forged = browser.post("/login/duo", Map.of("csrf", "forged"));
    Response none = browser.post("/login/duo", Map.of());

    assertThat(forged.status()).isEqualTo(403);
    assertThat(none.status()).isEqualTo(403);
    assertThat(panel.pendingSignIns.size()).isZero();
    assertThat(panel.audit.all()).hasSize(events);
    assertThat(continueToDuo(browser).status()).isEqualTo(303);
  }

  @Test
  void aSessionWaitingForDuo_reachesOnlyItsStepTheCallbackAndSignOut() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    for (String page :
        List.of(
            "/",
            "/account/security",
            "/account/security/totp",
            "/login/second-factor",
            "/login/enrol",
            "/admin/plugins",
            "/admin/plugins/duo-security/settings")) {
      Response refused = browser.get(page);
      assertThat(refused.status()).as(page).isEqualTo(303);
      assertThat(refused.location()).as(page).hasValue("/login/duo");
    }
    String csrf = Html.csrf(browser.get("/login/duo").body());
    for (String form :
        List.of("/login/second-factor", "/account/security/totp/begin", "/admin/settings")) {
      Response refused = browser.post(form, Map.of("csrf", csrf, "code", "123456"));
      assertThat(refused.location()).as(form).hasValue("/login/duo");
    }
    assertThat(panel.totp.find(panel.operator(TestPanel.OPERATOR).id())).isEmpty();
    assertThat(browser.get("/login/duo").status()).isEqualTo(200);
    assertThat(browser.get("/duo/callback?state=x").status()).isEqualTo(403);

    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    Response out = signOut(browser, "/login/duo");
    assertThat(out.location()).hasValue("/login?notice=signed-out");
  }

  @Test
  void theDuoStep_isForSessionsWaitingForDuoOnly() {
    Response anonymous = browser.get("/login/duo");
    assertThat(anonymous.location()).hasValue("/login");

    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    assertThat(browser.get("/login/duo").location()).hasValue("/");

    Browser late = panel.browser();
    signIn(late, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String csrf = Html.csrf(late.get("/login/duo").body());
    panel.clock.advance(Duration.ofMinutes(11));
    assertThat(late.get("/login/duo").location()).hasValue("/login?notice=ended");
    signIn(late, TestPanel.OPERATOR, TestPanel.PASSWORD);
    panel.clock.advance(Duration.ofMinutes(11));
    Response stale = late.post("/login/duo", Map.of("csrf", csrf));
    assertThat(stale.location()).hasValue("/login?notice=ended");
    assertThat(panel.pendingSignIns.size()).isZero();
  }

  @Test
  void anUnknownState_isRefusedAndEndsTheSignInInProgress() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    String forged = SessionToken.randomText();

    Response answer = browser.get(callbackPath(back).replace(state(back), forged));

    assertRefused(answer, 403, NOT_THIS_BROWSER);
    assertCookieCleared(answer);
    assertNoSession(browser);
    assertThat(lastDuoFailure()).isEqualTo("unknown_state");
    // The sign-in the browser had in progress cannot be finished now either.
    assertThat(browser.get(callbackPath(back)).status()).isEqualTo(403);
    assertNoSession(browser);
  }

  @Test
  void aReplayedState_isRefusedWithoutSigningAnyoneIn() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    assertThat(browser.get(callbackPath(back)).location()).hasValue("/");

    Browser attacker = panel.browser();
    Response replayed = attacker.get(callbackPath(back));
    assertRefused(replayed, 403, NOT_THIS_BROWSER);
    assertNoSession(attacker);
    assertThat(lastDuoFailure()).isEqualTo("unknown_state");

    // The same browser, signed in by now, keeps its session when it replays the address.
    Response again = browser.get(callbackPath(back));
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.setCookie(SESSION_COOKIE)).isEmpty();
    assertThat(browser.get("/").status()).isEqualTo(200);
  }

  @Test
  void anotherBrowsersState_isRefusedAndEndsBothSignIns() {
    URI victimBack = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    Browser attacker = panel.browser();
    atDuo(attacker, "mallory");

    Response stolen = attacker.get(callbackPath(victimBack));

    assertRefused(stolen, 403, NOT_THIS_BROWSER);
    assertCookieCleared(stolen);
    assertNoSession(attacker);
    assertThat(lastDuoFailure()).isEqualTo("other_browser");
    AuditEvent failed =
        panel.audit.all().reversed().stream()
            .filter(e -> e.type() == AuditEventType.SECOND_FACTOR_FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failed.actor().name()).isEqualTo(TestPanel.OPERATOR);
    // The victim's sign-in was exposed, so it ends too.
    assertThat(browser.get(callbackPath(victimBack)).status()).isEqualTo(403);
    assertNoSession(browser);
  }

  @Test
  void aCallbackWithoutACookie_isRefused() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    Browser bare = panel.browser();

    Response answer = bare.get(callbackPath(back));

    assertRefused(answer, 403, NOT_THIS_BROWSER);
    assertThat(answer.setCookie(SESSION_COOKIE)).isEmpty();
    assertNoSession(bare);
    assertThat(lastDuoFailure()).isEqualTo("other_browser");
    assertNoSession(browser);
  }

  @Test
  void aCallbackAfterFiveMinutes_isRefusedAsExpired() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    panel.clock.advance(Duration.ofMinutes(6));

    Response answer = browser.get(callbackPath(back));

    assertRefused(
        answer,
        403,
        "The Duo confirmation took longer than five minutes, so your sign-in was not completed.");
    assertCookieCleared(answer);
    assertNoSession(browser);
    assertThat(lastDuoFailure()).isEqualTo("expired");
  }

  @Test
  void aDeniedSignIn_isRefused() {
    URI back = panel.duo.decline(atDuo(browser, TestPanel.OPERATOR));

    Response answer = browser.get(callbackPath(back));

    assertRefused(
        answer, 403, "Duo denied this sign-in. If that was not you, tell an administrator.");
    assertCookieCleared(answer);
    assertNoSession(browser);
    assertThat(lastDuoFailure()).startsWith("denied");
  }

  @Test
  void anAnswerForAnotherUser_isRefused() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    panel.duoExchange.set(
        result ->
            result instanceof DuoGateway.Result.Verified verified
                ? new DuoGateway.Result.Verified(
                    "mallory", true, "Login Successful", verified.transactionId(), "duo_push")
                : result);

    Response answer = browser.get(callbackPath(back));

    assertRefused(answer, 403, DENIED_OR_UNVERIFIED);
    assertNoSession(browser);
    assertThat(lastDuoFailure()).startsWith("wrong_user");
  }

  @Test
  void anErrorFromDuo_isRefusedAndItsTextIsNeverShown() {
    panel.duo.inject(DuoFault.ERROR_REDIRECT);
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    assertThat(back.getRawQuery()).contains("error=access_denied");

    Response answer =
        browser.get(
            callbackPath(back).replace("Access+denied", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"));

    assertRefused(answer, 403, "Duo reported a problem and did not confirm your sign-in.");
    assertThat(answer.body()).doesNotContain("<script>alert", "access_denied");
    assertCookieCleared(answer);
    assertNoSession(browser);
    assertThat(lastDuoFailure()).startsWith("duo_error: access_denied");
  }

  @Test
  void aTamperedAnswer_isRefused() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    String code = back.getRawQuery().replaceAll(".*duo_code=([^&]+).*", "$1");

    Response answer = browser.get(callbackPath(back).replace(code, code.substring(1) + "0"));

    assertRefused(answer, 403, DENIED_OR_UNVERIFIED);
    assertNoSession(browser);
    assertThat(lastDuoFailure()).startsWith("invalid_response");

    URI another = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    panel.duo.inject(DuoFault.BAD_SIGNATURE);
    assertRefused(browser.get(callbackPath(another)), 403, DENIED_OR_UNVERIFIED);
    assertNoSession(browser);
  }

  @Test
  void duoGoingDownBeforeTheCallback_isA503WhenTheFailModeIsClosed() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    panel.duo.inject(DuoFault.DOWN);

    Response answer = browser.get(callbackPath(back));

    assertRefused(
        answer, 503, "Duo cannot be reached right now, so your sign-in was not completed.");
    assertNoSession(browser);
    assertThat(lastDuoFailure()).startsWith("duo_unavailable");
  }

  @Test
  void theCallbackPage_namesWhyTheSignInWasNotCompleted() {
    URI back = panel.duo.approve(atDuo(browser, TestPanel.OPERATOR));
    panel.duo.inject(DuoFault.STAT_FAIL);

    assertRefused(
        browser.get(callbackPath(back)),
        403,
        "Duo rejected the panel's credentials, so your sign-in was not completed. Ask an"
            + " administrator to check the Duo settings.");
    assertThat(lastDuoFailure()).startsWith("credentials_rejected");

    panel.duo.clearFaults();
    Browser other = panel.browser();
    URI again = panel.duo.approve(atDuo(other, TestPanel.OPERATOR));
    act(admin, DUO, "deactivate");

    assertRefused(
        other.get(callbackPath(again)),
        403,
        "The Duo sign-in settings changed while you were signing in, so your sign-in was not"
            + " completed. Sign in again.");
    assertThat(lastDuoFailure()).startsWith("settings_changed");
  }

  @Test
  void hostileCallbackParameters_areRefusedWithAPageNeverAFailure() {
    atDuo(browser, TestPanel.OPERATOR);
    List<String> queries =
        List.of(
            "",
            "state=",
            "state=" + "A".repeat(3_000) + "&duo_code=x",
            "state=abc%00def%0Aghi&duo_code=x",
            "state=%F0%9F%99%82" + "x".repeat(30) + "&duo_code=%3Cb%3E",
            "state=" + SessionToken.randomText() + "&duo_code=" + "c".repeat(3_000),
            "state=" + SessionToken.randomText() + "&error=%3Cimg%20src%3Dx%3E",
            "state=a&state=b&duo_code=1&duo_code=2",
            "duo_code=only-a-code");
    for (String query : queries) {
      Response answer = browser.get("/duo/callback?" + query);
      assertThat(answer.status()).as(query).isBetween(400, 499);
      assertThat(answer.body()).as(query).doesNotContain("<img src=x", "<b>");
      assertThat(answer.text()).as(query).contains("Sign in again");
    }
    assertThat(browser.get("/duo/callback?state=%C3%28").status()).isEqualTo(400);
    assertNoSession(browser);
  }

  @Test
  void withTheFailModeClosed_anUnreachableDuoRefusesTheSignInWith503() {
    panel.duo.inject(DuoFault.DOWN);
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response answer = continueToDuo(browser);

    assertRefused(
        answer,
        503,
        "Duo cannot be reached right now, so you cannot sign in. Try again in a few minutes, or"
            + " ask an administrator.");
    assertCookieCleared(answer);
    assertNoSession(browser);
    assertThat(panel.pendingSignIns.size()).isZero();
    assertThat(panel.audit.all())
        .noneMatch(e -> e.type() == AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN);
  }

  @Test
  void withTheFailModeOpen_anUnreachableDuoLetsThePasswordAloneThroughWithANotice() {
    assertThat(saveSettings(admin, DUO, workingDuoFields("open")).status()).isEqualTo(303);
    panel.duo.inject(DuoFault.DOWN);
    Response password =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(password.location()).hasValue("/login/duo?next=%2Faccount%2Fsecurity");
    String partial = browser.cookie(SESSION_COOKIE).orElseThrow();

    Response answer =
        submit(browser, "/login/duo?next=%2Faccount%2Fsecurity", "/login/duo", Map.of());

    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.location()).hasValue("/account/security?notice=duo-skipped");
    assertThat(browser.cookie(SESSION_COOKIE).orElseThrow()).isNotEqualTo(partial);
    Response page = browser.follow(answer);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text())
        .contains("Duo could not be reached, so you were signed in with your password only");
    assertThat(panel.audit.all())
        .anyMatch(e -> e.type() == AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN);

    // Duo refusing the saved credentials is no outage: open does not let anyone through then.
    panel.duo.clearFaults();
    panel.duo.inject(DuoFault.STAT_FAIL);
    Browser other = panel.browser();
    signIn(other, "mallory", TestPanel.PASSWORD);
    assertRefused(
        continueToDuo(other),
        403,
        "Duo rejected the panel's credentials, so you cannot sign in. Ask an administrator");
    assertNoSession(other);
  }

  @Test
  void duoTurnedOffDuringTheSignIn_asksToSignInAgain() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String csrf = Html.csrf(browser.get("/login/duo").body());
    act(admin, DUO, "deactivate");

    Response answer = browser.post("/login/duo", Map.of("csrf", csrf));

    assertRefused(
        answer, 403, "The Duo sign-in settings changed while you were signing in. Sign in again.");
    assertCookieCleared(answer);
    assertThat(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD).location()).hasValue("/");
  }

  @Test
  void duoReplacesTheAuthenticatorApp_andTheAppIsAskedForAgainWhenDuoNoLongerApplies() {
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();
    setDuo(admin, olivia, false);
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

    setDuo(admin, olivia, true);
    assertThat(stepAfterPassword()).isEqualTo("/login/duo");
    Browser duoOnly = panel.browser();
    assertThat(signIn(duoOnly, TestPanel.OPERATOR, TestPanel.PASSWORD).location())
        .hasValue("/login/duo");
    assertThat(duoOnly.get("/login/second-factor").location()).hasValue("/login/duo");

    act(admin, DUO, "deactivate");
    assertThat(stepAfterPassword()).isEqualTo("/login/second-factor");
    act(admin, DUO, "activate");
    assertThat(stepAfterPassword()).isEqualTo("/login/duo");

    setDuo(admin, olivia, false);
    assertThat(stepAfterPassword()).isEqualTo("/login/second-factor");
    setDuo(admin, olivia, true);
    assertThat(stepAfterPassword()).isEqualTo("/login/duo");

    act(admin, DUO, "uninstall");
    assertThat(stepAfterPassword()).isEqualTo("/login/second-factor");
    setUpDuo(admin, "closed");
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
      last = stranger.get("/duo/callback?state=" + SessionToken.randomText() + "&duo_code=x");
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
