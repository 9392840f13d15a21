package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignInIT {
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

  @Test
  void signIn_withoutSecondFactor_startsASessionAndGoesHome() {
    Response signedIn = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.location()).hasValue("/");
    Response home = browser.follow(signedIn);
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.text()).contains("Signed in as Operator olivia");
  }

  @Test
  void signIn_acceptsTheEmailAddressToo() {
    Response signedIn = signIn(browser, "OLIVIA@example.com", TestPanel.PASSWORD);

    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(browser.follow(signedIn).status()).isEqualTo(200);
  }

  @Test
  void wrongPasswordAndUnknownUser_getTheSameStatusAndText() {
    Response wrongPassword = signIn(browser, TestPanel.OPERATOR, "not-the-password-at-all");
    Response unknownUser = signIn(panel.browser(), "nobody-here", "not-the-password-at-all");

    assertThat(wrongPassword.status()).isEqualTo(401).isEqualTo(unknownUser.status());
    assertThat(wrongPassword.text())
        .contains("The username or password is not right.")
        .isEqualTo(unknownUser.text());
    assertThat(wrongPassword.setCookie(SESSION_COOKIE)).isEmpty();
    assertThat(browser.get("/").status()).isEqualTo(303);
  }

  @Test
  void aRefusedSignIn_keepsTheLoginEscapedAndNeverThePassword() {
    Response refused = signIn(browser, "<b>\"ada\"</b>", "s3cret-<typed>-password");

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).contains("value=\"&lt;b&gt;&quot;ada&quot;&lt;/b&gt;\"");
    assertThat(refused.body()).doesNotContain("<b>\"ada\"", "s3cret", "&lt;typed&gt;");
    assertThat(Html.inputValue(refused.body(), "login")).hasValue("<b>\"ada\"</b>");
    assertThat(refused.body()).contains("aria-describedby=\"login-problem\"");
  }

  @Test
  void repeatedFailures_areThrottledWith429AndRetryAfter() {
    Response answer = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      answer = signIn(browser, TestPanel.OPERATOR, "wrong-password-" + attempt);
      if (answer.status() == 429) {
        break;
      }
      assertThat(answer.status()).isEqualTo(401);
    }

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("Retry-After")).hasValue("30");
    assertThat(answer.text()).contains("Too many failed attempts. Try again in 30 seconds.");
    // Even the right password waits until the lock has passed.
    assertThat(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD).status()).isEqualTo(429);
    panel.clock.advance(Duration.ofSeconds(31));
    assertThat(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD).status()).isEqualTo(303);
  }

  @Test
  void aDeactivatedOperator_isToldSoWith403() {
    panel
        .useCases
        .operators()
        .deactivate()
        .deactivate(
            new OperatorCommand(Actor.system("test"), panel.operator(TestPanel.OPERATOR).id()));

    Response refused = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text())
        .contains("This account has been deactivated. Ask an administrator to reactivate it.");
    assertThat(refused.setCookie(SESSION_COOKIE)).isEmpty();
  }

  @Test
  void theSessionCookie_isHttpOnlySameSiteLaxPathRootAndEndsWithTheBrowser() {
    Response form = browser.get("/login");
    Response signedIn = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    String cookie = signedIn.setCookie(SESSION_COOKIE).orElseThrow();
    assertThat(cookie)
        .matches("supportpro_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");
    assertThat(form.setCookie("supportpro_form").orElseThrow())
        .matches("supportpro_form=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");
  }

  @Test
  void behindHttps_cookiesAreSecureAndHostPrefixed() {
    try (TestPanel https = TestPanel.start(java.net.URI.create("https://panel.example"))) {
      Browser secure = https.browser();
      Response form = secure.get("/login");
      Response signedIn = signIn(secure, TestPanel.OPERATOR, TestPanel.PASSWORD);

      assertThat(form.setCookie("__Host-supportpro_form").orElseThrow())
          .endsWith("; Path=/; HttpOnly; SameSite=Lax; Secure");
      assertThat(signedIn.setCookie("__Host-supportpro_session").orElseThrow())
          .matches(
              "__Host-supportpro_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure");
      assertThat(signedIn.setCookie(SESSION_COOKIE)).isEmpty();
      assertThat(secure.follow(signedIn).status()).isEqualTo(200);
      assertThat(form.header("Strict-Transport-Security"))
          .hasValue("max-age=31536000; includeSubDomains");
    }
  }

  @Test
  void signingInAgain_issuesANewSessionAndEndsTheOldOne() {
    // A sign-in form opened before the first sign-in, in another tab say.
    String formToken = Html.csrf(browser.get("/login").body());
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String first = browser.cookie(SESSION_COOKIE).orElseThrow();

    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", formToken);
    fields.put("login", TestPanel.ADMIN);
    fields.put("password", TestPanel.PASSWORD);
    Response again = browser.post("/login", fields);
    String second = browser.cookie(SESSION_COOKIE).orElseThrow();

    assertThat(again.status()).isEqualTo(303);
    assertThat(second).isNotEqualTo(first);
    Browser replay = panel.browser();
    replay.setCookie(SESSION_COOKIE, first);
    assertThat(replay.get("/").status()).isEqualTo(303);
    assertThat(browser.get("/").text()).contains("Signed in as Operator admin");
  }

  @Test
  void aSignedInOperatorOpeningTheSignInPage_goesHome() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response login = browser.get("/login");

    assertThat(login.status()).isEqualTo(303);
    assertThat(login.location()).hasValue("/");
  }

  @Test
  void signOut_endsTheSessionOnTheServerAndClearsTheCookie() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String oldSession = browser.cookie(SESSION_COOKIE).orElseThrow();

    Response signedOut = signOut(browser, "/");

    assertThat(signedOut.status()).isEqualTo(303);
    assertThat(signedOut.location()).hasValue("/login?notice=signed-out");
    assertThat(signedOut.setCookie(SESSION_COOKIE))
        .hasValue("supportpro_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
    assertThat(browser.follow(signedOut).text()).contains("Your session was signed out.");
    assertThat(panel.audit.all()).extracting(AuditEvent::type).contains(AuditEventType.SIGNED_OUT);

    Browser replay = panel.browser();
    replay.setCookie(SESSION_COOKIE, oldSession);
    Response replayed = replay.get("/account/security");
    assertThat(replayed.status()).isEqualTo(303);
    assertThat(replayed.location()).hasValue("/login?next=%2Faccount%2Fsecurity");
  }

  @Test
  void anAnonymousVisitor_isSentToSignInAndBackToThePageAskedFor() {
    Response page = browser.get("/admin/operators?q=oli&page=1");

    assertThat(page.status()).isEqualTo(303);
    assertThat(page.location()).hasValue("/login?next=%2Fadmin%2Foperators%3Fq%3Doli%26page%3D1");
    Response signedIn = signIn(browser, page.location().get(), TestPanel.ADMIN, TestPanel.PASSWORD);
    assertThat(signedIn.location()).hasValue("/admin/operators?q=oli&page=1");
    assertThat(browser.follow(signedIn).status()).isEqualTo(200);
  }

  @Test
  void anAnonymousPost_isSentToSignInWithoutComingBack() {
    Response post =
        browser.post("/admin/settings", Map.of("csrf", "x", "requireTwoFactor", "true"));

    assertThat(post.status()).isEqualTo(303);
    assertThat(post.location()).hasValue("/login");
    assertThat(panel.settings.forceTwoFactor()).isFalse();
  }

  @Test
  void anExpiredSession_sendsTheOperatorToSignInAgain() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(browser.get("/account/security").status()).isEqualTo(200);

    panel.clock.advance(Duration.ofMinutes(31));
    Response expired = browser.get("/account/security");

    assertThat(expired.status()).isEqualTo(303);
    assertThat(expired.location()).hasValue("/login?next=%2Faccount%2Fsecurity");
    assertThat(expired.setCookie(SESSION_COOKIE))
        .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//evil.example",
        "//evil.example/path",
        "https://evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/\tevil",
        "/ok\r\nLocation: https://evil.example",
        "evil.example",
        "/caf\u00e9"
      })
  void anOpenRedirectInNext_isReplacedByTheHomePage(String evil) {
    Response form = browser.get("/login?next=" + Browser.encode(Map.of("x", evil)).substring(2));
    assertThat(Html.inputValue(form.body(), "next")).hasValue("/");

    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", Html.csrf(form.body()));
    fields.put("next", evil);
    fields.put("login", TestPanel.OPERATOR);
    fields.put("password", TestPanel.PASSWORD);
    Response signedIn = browser.post("/login", fields);

    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.location()).hasValue("/");
  }

  @Test
  void aLongNext_isReplacedByTheHomePage() {
    String longPath = "/" + "a".repeat(2_000);

    assertThat(SafeNext.of(longPath)).isEqualTo("/");
    assertThat(SafeNext.of(longPath.substring(1))).isEqualTo("/");
  }

  @Test
  void theSignInForm_withoutACsrfTokenIsRefusedAndCountsNothing() {
    browser.get("/login");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("login", TestPanel.OPERATOR);
    fields.put("password", TestPanel.PASSWORD);

    Response refused = browser.post("/login", fields);

    assertFormRefused(refused);
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .containsOnly(AuditEventType.OPERATOR_CREATED);
  }

  @Test
  void theSignInForm_withAWrongCsrfTokenIsRefused() {
    Response form = browser.get("/login");
    String token = Html.csrf(form.body());
    String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);

    assertFormRefused(post(browser, wrong));
  }

  @Test
  void theSignInForm_withoutItsCookieIsRefused() {
    Response form = browser.get("/login");
    browser.removeCookie("supportpro_form");

    assertFormRefused(post(browser, Html.csrf(form.body())));
  }

  @Test
  void theSignInForm_withAnotherBrowsersTokenIsRefused() {
    String othersToken = Html.csrf(panel.browser().get("/login").body());
    browser.get("/login");

    assertFormRefused(post(browser, othersToken));
  }

  @Test
  void aPostFromAnotherOrigin_isRefusedEvenWithAValidToken() {
    Response form = browser.get("/login");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", Html.csrf(form.body()));
    fields.put("login", TestPanel.OPERATOR);
    fields.put("password", TestPanel.PASSWORD);

    Response foreign =
        browser.send(
            browser
                .request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(fields))));
    Response own =
        browser.send(
            browser
                .request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", panel.base().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(fields))));

    assertFormRefused(foreign);
    assertThat(own.status()).isEqualTo(303);
  }

  @Test
  void sessionForms_withAMissingOrWrongTokenAreRefusedAndChangeNothing() {
    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    Browser other = panel.browser();
    signIn(other, TestPanel.ADMIN, TestPanel.PASSWORD);
    String othersToken = Html.csrf(other.get("/admin/settings").body());

    Response missing = browser.post("/admin/settings", Map.of("requireTwoFactor", "true"));
    Response wrong =
        browser.post("/admin/settings", Map.of("csrf", "wrong", "requireTwoFactor", "true"));
    Response foreign =
        browser.post("/admin/settings", Map.of("csrf", othersToken, "requireTwoFactor", "true"));

    assertFormRefused(missing);
    assertFormRefused(wrong);
    assertFormRefused(foreign);
    assertThat(panel.settings.forceTwoFactor()).isFalse();
    var valid =
        submit(browser, "/admin/settings", "/admin/settings", Map.of("requireTwoFactor", "true"));
    assertThat(valid.status()).isEqualTo(303);
    assertThat(panel.settings.forceTwoFactor()).isTrue();
  }

  @Test
  void signOut_withoutAValidTokenIsRefused() {
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertFormRefused(browser.post("/logout", Map.of("csrf", "nope")));
    assertThat(browser.get("/").status()).isEqualTo(200);
  }

  private static Response post(Browser browser, String csrf) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", csrf);
    fields.put("login", TestPanel.OPERATOR);
    fields.put("password", TestPanel.PASSWORD);
    return browser.post("/login", fields);
  }

  private static void assertFormRefused(Response refused) {
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text())
        .contains(
            "This form has expired or did not come from this site. Reload the page and try again.");
    assertThat(refused.setCookie(SESSION_COOKIE)).isEmpty();
  }
}
