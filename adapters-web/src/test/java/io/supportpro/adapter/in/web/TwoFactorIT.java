package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.beginAuthenticatorSetup;
import static io.supportpro.adapter.in.web.testing.PanelSteps.passSecondFactor;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PanelSteps.wrongCodesUntilThrottled;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.in.CodeCommand;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.application.port.in.PassSecondFactorUseCase;
import io.supportpro.domain.Problem;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.secondfactor.CodeField;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import io.supportpro.domain.session.SessionToken;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwoFactorIT {
  /** The navigation marks Account security as the page the operator is on. */
  private static final String ACCOUNT_SECURITY_CURRENT =
      "href=\"/account/security\"\\s+aria-current=\"page\">Account security</a>";

  private TestPanel panel;
  private Browser browser;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    browser = panel.browser();
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  /** What enrolment showed: the secret to compute codes from, and the recovery codes. */
  record Enrolment(String secret, List<String> recoveryCodes) {}

  private String code(String secret) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(panel.clock.now()));
  }

  /** Enrols the signed-in browser from its security page. */
  private Enrolment enrol(Browser signedIn) {
    beginAuthenticatorSetup(signedIn, "/account/security/totp");
    Response setup = signedIn.get("/account/security/totp");
    String secret = Html.totpSecret(setup.body());
    Response codes =
        submit(
            signedIn,
            "/account/security/totp",
            "/account/security/totp",
            Map.of("code", code(secret)));
    assertThat(codes.status()).isEqualTo(200);
    return new Enrolment(secret, Html.recoveryCodes(codes.body()));
  }

  @Test
  void theWholeJourney_enrolSignOutAndSignInWithACodeAndWithARecoveryCode() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(browser.get("/account/security").text())
        .contains("Your account does not use an authenticator app yet.")
        .contains("Set up an authenticator app");

    // Opening the set-up page changes nothing: it offers a button that begins the setup.
    Response start = browser.get("/account/security/totp");
    assertThat(start.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(start);
    assertThat(start.body()).containsPattern(ACCOUNT_SECURITY_CURRENT);
    assertThat(start.body())
        .contains("action=\"/account/security/totp/begin\"")
        .doesNotContain("qr.png", "class=\"secret\"");
    assertThat(browser.getBytes("/account/security/totp/qr.png").statusCode()).isEqualTo(404);
    assertThat(panel.totp.find(panel.operator(TestPanel.OPERATOR).id())).isEmpty();

    Response begun = submit(browser, "/account/security", "/account/security/totp/begin", Map.of());
    assertThat(begun.status()).isEqualTo(303);
    assertThat(begun.location()).hasValue("/account/security/totp");
    Response setup = browser.follow(begun);
    assertThat(setup.status()).isEqualTo(200);
    assertThat(setup.body()).containsPattern(ACCOUNT_SECURITY_CURRENT);
    assertThat(setup.body())
        .contains(
            "<img src=\"/account/security/totp/qr.png\""
                + " alt=\"QR code to scan with your authenticator app\"");
    String secret = Html.totpSecret(setup.body());
    assertThat(secret).matches("([A-Z2-7]{4} )+[A-Z2-7]{1,4}");
    // Reading the page again shows the same secret: only the button makes a new one.
    assertThat(Html.totpSecret(browser.get("/account/security/totp").body())).isEqualTo(secret);

    HttpResponse<byte[]> qr = browser.getBytes("/account/security/totp/qr.png");
    assertThat(qr.statusCode()).isEqualTo(200);
    assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(qr.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(qr.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

    Response wrong =
        submit(
            browser, "/account/security/totp", "/account/security/totp", Map.of("code", "000000"));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body())
        .contains("id=\"code-error\"", "aria-describedby=\"code-hint code-error\"");

    Response codesPage =
        submit(
            browser,
            "/account/security/totp",
            "/account/security/totp",
            Map.of("code", code(secret)));
    assertThat(codesPage.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(codesPage);
    assertThat(codesPage.text()).contains("Store these codes somewhere safe now");
    assertThat(codesPage.body()).containsPattern(ACCOUNT_SECURITY_CURRENT);
    assertThat(codesPage.body()).contains("href=\"/account/security\"");
    List<String> recoveryCodes = Html.recoveryCodes(codesPage.body());
    assertThat(recoveryCodes).hasSize(10).allMatch(c -> c.matches("[0-9A-Z]{5}-[0-9A-Z]{5}"));
    assertThat(browser.get("/account/security").text())
        .contains("An authenticator app is set up for your account.", "Recovery codes left: 10");

    // Sign out, then in again: the password alone is not enough now.
    signOut(browser, "/");
    Response password = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(password.location()).hasValue("/login/second-factor");
    String partialSession = browser.cookie(SESSION_COOKIE).orElseThrow();
    Response stepPage = browser.follow(password);
    assertThat(stepPage.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(stepPage);
    assertThat(stepPage.body())
        .contains("<label for=\"code\">Authentication code or recovery code</label>")
        .contains("autocomplete=\"one-time-code\"")
        .doesNotContain("inputmode");

    // The code used to enrol cannot be used again in its time window.
    Response replayed = passSecondFactor(browser, code(secret));
    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.text()).contains("That code has already been used.");

    Response wrongCode = passSecondFactor(browser, "123456");
    assertThat(wrongCode.status()).isEqualTo(401);
    assertThat(wrongCode.text()).contains("That code is not right.");
    assertThat(wrongCode.body()).contains("aria-describedby=\"code-error\"");

    panel.clock.advance(Duration.ofSeconds(30));
    Response accepted = passSecondFactor(browser, code(secret));
    assertThat(accepted.status()).isEqualTo(303);
    assertThat(accepted.location()).hasValue("/");
    String fullSession = browser.cookie(SESSION_COOKIE).orElseThrow();
    assertThat(fullSession).isNotEqualTo(partialSession);
    assertThat(browser.get("/").status()).isEqualTo(200);

    // With a recovery code instead of the app, once only.
    signOut(browser, "/");
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    Response withRecovery = passSecondFactor(browser, recoveryCodes.getFirst().toLowerCase());
    assertThat(withRecovery.status()).isEqualTo(303);
    assertThat(browser.get("/account/security").text()).contains("Recovery codes left: 9");
    signOut(browser, "/");
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    Response usedAgain = passSecondFactor(browser, recoveryCodes.getFirst());
    assertThat(usedAgain.status()).isEqualTo(401);
    assertThat(usedAgain.text())
        .contains("That recovery code is not valid or has already been used.");
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .contains(
            AuditEventType.TOTP_ENROLLED,
            AuditEventType.SECOND_FACTOR_FAILED,
            AuditEventType.RECOVERY_CODE_USED);
  }

  @Test
  void theAuthenticatorAppsPageAndItsRefusals_areInTheReadersLanguage() {
    Browser browser = panel.signedIn(TestPanel.OPERATOR);
    enrol(browser);
    signOut(browser, "/");
    browser.acceptLanguage("de");

    Response step = browser.follow(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD));
    Response wrongCode = passSecondFactor(browser, "123456");
    Response malformed = passSecondFactor(browser, "12");

    assertThat(step.text())
        .contains(
            "Zwei-Faktor-Authentifizierung", "Authentifizierungscode oder Wiederherstellungscode")
        .doesNotContain("Two-factor authentication");
    assertThat(wrongCode.status()).isEqualTo(401);
    assertThat(wrongCode.text()).contains("Dieser Code stimmt nicht.");
    assertThat(malformed.text()).contains("Geben Sie den 6-stelligen Code");
  }

  @Test
  void aSessionAwaitingItsSecondFactor_reachesNothingElse() {
    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    enrol(browser);
    signOut(browser, "/");
    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);

    for (String page :
        List.of(
            "/",
            "/account/security",
            "/admin/operators",
            "/admin/audit",
            "/login/enrol",
            "/account/security/totp/qr.png")) {
      Response refused = browser.get(page);
      assertThat(refused.status()).as(page).isEqualTo(303);
      assertThat(refused.location()).as(page).hasValue("/login/second-factor");
    }
    Response post = browser.post("/admin/settings", Map.of("requireTwoFactor", "true"));
    assertThat(post.location()).hasValue("/login/second-factor");
    assertThat(panel.settings.forceTwoFactor()).isFalse();
    assertThat(browser.get("/login/second-factor").status()).isEqualTo(200);
  }

  @Test
  void aSignInThatTakesTooLong_startsAgainWithAMessage() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    enrol(browser);
    signOut(browser, "/");
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String csrf = Html.csrf(browser.get("/login/second-factor").body());

    panel.clock.advance(Duration.ofMinutes(11));
    Response ended = browser.post("/login/second-factor", Map.of("csrf", csrf, "code", "123456"));

    assertThat(ended.status()).isEqualTo(303);
    assertThat(ended.location()).hasValue("/login?notice=ended");
    assertThat(ended.setCookie(SESSION_COOKIE))
        .hasValueSatisfying(cookie -> assertThat(cookie).contains("Max-Age=0"));
    assertThat(browser.follow(ended).text())
        .contains(
            "Your sign-in was ended because it took too long or had already ended; start again.");
  }

  @Test
  void wrongCodes_areThrottledWith429AndRetryAfter() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    enrol(browser);
    signOut(browser, "/");
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response answer = wrongCodesUntilThrottled(browser);

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("Retry-After"))
        .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
    assertThat(answer.text()).contains("Too many failed attempts. Try again in");
  }

  @Test
  void theSecondFactorStep_mapsEveryOutcomeOfTheUseCase() {
    var outcome = new java.util.concurrent.atomic.AtomicReference<CodeResult>();
    try (TestPanel stubbed =
        TestPanel.start(
            useCases -> {
              PassSecondFactorUseCase real = useCases.signIn().code();
              return UseCaseOverrides.replace(
                  useCases,
                  new PassSecondFactorUseCase() {
                    @Override
                    public Optional<CodeField> field(SessionToken token) {
                      return real.field(token);
                    }

                    @Override
                    public CodeResult passSecondFactor(CodeCommand command) {
                      return outcome.get();
                    }
                  });
            })) {
      Browser b = stubbed.browser();
      signIn(b, TestPanel.OPERATOR, TestPanel.PASSWORD);
      enrolWith(stubbed, b);
      signOut(b, "/");
      signIn(b, TestPanel.OPERATOR, TestPanel.PASSWORD);

      outcome.set(
          new CodeResult.NotApplicable(
              Problem.of(Problem.Code.TWO_FACTOR_NOT_ON, "Nothing to check <now>.")));
      Response notApplicable = passSecondFactor(b, "123456");
      assertThat(notApplicable.status()).isEqualTo(400);
      // The page words the problem's code; the English sentence is for logs.
      assertThat(notApplicable.text())
          .contains("Two-factor authentication is not turned on.")
          .doesNotContain("Nothing to check");

      outcome.set(new CodeResult.Throttled(Duration.ofMillis(1_500)));
      Response throttled = passSecondFactor(b, "123456");
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.header("Retry-After")).hasValue("2");
      assertThat(throttled.text()).contains("Try again in 2 seconds.");

      outcome.set(new CodeResult.SessionEnded());
      Response ended = passSecondFactor(b, "123456");
      assertThat(ended.status()).isEqualTo(303);
      assertThat(ended.location()).hasValue("/login?notice=ended");
      assertThat(b.cookie(SESSION_COOKIE)).isEmpty();
    }
  }

  private void enrolWith(TestPanel stubbed, Browser b) {
    beginAuthenticatorSetup(b, "/account/security/totp");
    String secret = Html.totpSecret(b.get("/account/security/totp").body());
    submit(
        b,
        "/account/security/totp",
        "/account/security/totp",
        Map.of("code", Totp.code(TotpSecret.fromBase32(secret), Totp.step(stubbed.clock.now()))));
  }

  @Test
  void forceTwoFactor_takesAnOperatorWithoutItThroughEnrolmentBeforeAnythingElse() {
    Browser admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    Response saved =
        submit(admin, "/admin/settings", "/admin/settings", Map.of("requireTwoFactor", "true"));
    assertThat(saved.location()).hasValue("/admin/settings?notice=settings-saved");
    assertThat(admin.follow(saved).body()).contains("checked");

    Response password =
        signIn(
            browser, "/login?next=%2Faccount%2Fsecurity", TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(password.location()).hasValue("/login/enrol?next=%2Faccount%2Fsecurity");
    String partial = browser.cookie(SESSION_COOKIE).orElseThrow();
    for (String page :
        List.of("/", "/account/security", "/login/second-factor", "/admin/operators")) {
      assertThat(browser.get(page).location()).as(page).hasValue("/login/enrol");
    }

    Response startPage = browser.follow(password);
    assertThat(startPage.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(startPage);
    assertThat(startPage.text())
        .contains("Two-factor authentication is required for every operator.");
    assertThat(startPage.body())
        .contains("action=\"/login/enrol/begin\"")
        .doesNotContain("qr.png", "class=\"secret\"");
    assertThat(browser.get("/login/enrol/qr.png").status()).isEqualTo(404);
    assertThat(panel.totp.find(panel.operator(TestPanel.OPERATOR).id())).isEmpty();

    Response begun = beginAuthenticatorSetup(browser, "/login/enrol?next=%2Faccount%2Fsecurity");
    assertThat(begun.location()).hasValue("/login/enrol?next=%2Faccount%2Fsecurity");
    Response enrolPage = browser.follow(begun);
    assertThat(enrolPage.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(enrolPage);
    assertThat(enrolPage.text())
        .contains("Two-factor authentication is required for every operator.");
    assertThat(enrolPage.body())
        .contains(
            "src=\"/login/enrol/qr.png\"", "alt=\"QR code to scan with your authenticator app\"");
    assertThat(browser.get("/login/enrol/qr.png").status()).isEqualTo(200);
    String secret = Html.totpSecret(enrolPage.body());

    Response wrong =
        submit(
            browser,
            "/login/enrol?next=%2Faccount%2Fsecurity",
            "/login/enrol",
            Map.of("code", "000000"));
    assertThat(wrong.status()).isEqualTo(401);

    Response confirmed =
        submit(
            browser,
            "/login/enrol?next=%2Faccount%2Fsecurity",
            "/login/enrol",
            Map.of("code", code(secret)));
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat(Html.recoveryCodes(confirmed.body())).hasSize(10);
    assertThat(confirmed.body()).contains("href=\"/account/security\"");
    assertThat(browser.cookie(SESSION_COOKIE).orElseThrow()).isNotEqualTo(partial);

    Response security = browser.get("/account/security");
    assertThat(security.status()).isEqualTo(200);
    assertThat(security.text())
        .contains("required for every operator", "The app cannot be removed")
        .doesNotContain("Remove authenticator app");
    Response disable =
        submit(
            browser,
            "/account/security",
            "/account/security/totp/disable",
            Map.of("code", "123456"));
    assertThat(disable.status()).isEqualTo(400);
    assertThat(disable.text()).contains("so it cannot be turned off");
  }

  @Test
  void removingTheApp_needsAValidCodeAndThenSignInNeedsOnlyThePassword() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    Enrolment enrolment = enrol(browser);

    Response wrong =
        submit(
            browser,
            "/account/security",
            "/account/security/totp/disable",
            Map.of("code", "999999"));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body()).contains("id=\"disable-code-error\"");

    panel.clock.advance(Duration.ofSeconds(30));
    Response removed =
        submit(
            browser,
            "/account/security",
            "/account/security/totp/disable",
            Map.of("code", code(enrolment.secret())));
    assertThat(removed.status()).isEqualTo(303);
    assertThat(removed.location()).hasValue("/account/security?notice=totp-disabled");
    assertThat(browser.follow(removed).text())
        .contains("Your authenticator app was removed from your account.")
        .contains("does not use an authenticator app yet");

    signOut(browser, "/");
    assertThat(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD).location()).hasValue("/");
  }

  @Test
  void newRecoveryCodes_replaceTheOldOnes() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    Enrolment enrolment = enrol(browser);

    Response regenerated =
        submit(
            browser,
            "/account/security",
            "/account/security/recovery-codes",
            Map.of("code", enrolment.recoveryCodes().get(3)));
    assertThat(regenerated.status()).isEqualTo(200);
    assertThat(regenerated.body()).containsPattern(ACCOUNT_SECURITY_CURRENT);
    List<String> fresh = Html.recoveryCodes(regenerated.body());
    assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolment.recoveryCodes());

    signOut(browser, "/");
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(passSecondFactor(browser, enrolment.recoveryCodes().get(5)).status()).isEqualTo(401);
    assertThat(passSecondFactor(browser, fresh.get(5)).status()).isEqualTo(303);
  }

  @Test
  void anAdministratorsReset_endsTheOperatorsSessionsAndRemovesTheApp() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    enrol(browser);

    panel
        .useCases
        .operators()
        .resetTwoFactor()
        .reset(new OperatorCommand(Actor.system("test"), panel.operator(TestPanel.OPERATOR).id()));

    assertThat(browser.get("/").status()).isEqualTo(303);
    assertThat(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD).location()).hasValue("/");
  }

  @Test
  void theSetupPage_ofAnEnrolledOperatorLeadsBackToTheSecurityPage() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    enrol(browser);

    Response setup = browser.get("/account/security/totp");
    assertThat(setup.status()).isEqualTo(303);
    assertThat(setup.location()).hasValue("/account/security");
    assertThat(browser.get("/account/security/totp/qr.png").status()).isEqualTo(404);

    var before = panel.totp.find(panel.operator(TestPanel.OPERATOR).id()).orElseThrow();
    Response begun =
        browser.post(
            "/account/security/totp/begin",
            Map.of("csrf", Html.csrf(browser.get("/account/security").body())));
    assertThat(begun.status()).isEqualTo(303);
    assertThat(browser.follow(begun).location()).hasValue("/account/security");
    assertThat(panel.totp.find(panel.operator(TestPanel.OPERATOR).id())).hasValue(before);
  }

  @Test
  void beginningAgain_replacesAnUnconfirmedSecret() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    beginAuthenticatorSetup(browser, "/account/security/totp");
    String first = Html.totpSecret(browser.get("/account/security/totp").body());

    beginAuthenticatorSetup(browser, "/account/security/totp");
    String second = Html.totpSecret(browser.get("/account/security/totp").body());

    assertThat(second).isNotEqualTo(first);
    Response old =
        submit(
            browser,
            "/account/security/totp",
            "/account/security/totp",
            Map.of("code", code(first.replace(" ", ""))));
    assertThat(old.status()).isEqualTo(422);
  }

  @Test
  void aSetUpBegunInAnotherBrowser_isNeitherShownNorConfirmed_andEnrollingEndsThatBrowser() {
    Browser other = panel.browser();
    signIn(other, TestPanel.OPERATOR, TestPanel.PASSWORD);
    beginAuthenticatorSetup(other, "/account/security/totp");
    String planted = Html.totpSecret(other.get("/account/security/totp").body()).replace(" ", "");
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response page = browser.get("/account/security/totp");
    assertThat(page.status()).isEqualTo(200);
    assertThat(Html.textOfClass(page.body(), "secret")).isEmpty();
    Response refused =
        submit(
            browser,
            "/account/security/totp",
            "/account/security/totp",
            Map.of("code", code(planted)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(Html.text(refused.body())).contains("start the set-up again");

    Enrolment own = enrol(browser);

    assertThat(own.secret().replace(" ", "")).isNotEqualTo(planted);
    assertThat(browser.get("/").status()).isEqualTo(200);
    assertThat(other.get("/").status()).isEqualTo(303);
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.TOTP_ENROLMENT_BEGUN)
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.actor().clientAddress()).isEqualTo("127.0.0.1"));
  }

  @Test
  void aSetUpBegunMoreThanTenMinutesAgo_isRefusedAndCanBeginAgain() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    beginAuthenticatorSetup(browser, "/account/security/totp");
    String secret = Html.totpSecret(browser.get("/account/security/totp").body()).replace(" ", "");
    panel.clock.advance(Duration.ofMinutes(10));

    Response page = browser.get("/account/security/totp");
    assertThat(Html.textOfClass(page.body(), "secret")).isEmpty();
    Response refused =
        browser.post(
            "/account/security/totp", Map.of("csrf", Html.csrf(page.body()), "code", code(secret)));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(Html.text(refused.body())).contains("more than 10 minutes ago");
    assertThat(enrol(browser).recoveryCodes()).hasSize(10);
  }

  @Test
  void theBeginForm_withoutItsTokenIsRefusedAndCreatesNothing() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response refused = browser.post("/account/security/totp/begin", Map.of("csrf", "wrong"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(panel.totp.find(panel.operator(TestPanel.OPERATOR).id())).isEmpty();
  }
}
