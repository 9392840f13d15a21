package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.beginAuthenticatorSetup;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.LogCapture;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForgotPasswordIT {
  private static final String NEW = "copper-Lantern-88-meadow";
  private static final String SAME_ANSWER =
      "If an active account matches, a link was sent to its e-mail address; it works once, for 30"
          + " minutes.";
  private static final Pattern LINK =
      Pattern.compile("http://localhost/login/reset\\?token=([A-Za-z0-9_-]{43})");

  private TestPanel panel;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  private Response askForLink(Browser browser, String login) {
    return submit(browser, "/login/forgot", "/login/forgot", Map.of("login", login));
  }

  /** The token of the link in the last mail sent. */
  private String lastToken() {
    Matcher link = LINK.matcher(panel.mailer.sent().getLast().body());
    assertThat(link.find()).as("a link in the mail").isTrue();
    return link.group(1);
  }

  private static String resetPage(String token) {
    return "/login/reset?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  /**
   * Opens the link and sends the form with the new password twice; the form's own CSRF field is
   * read, not the sign-out form's that a signed-in browser also has on the page.
   */
  private static Response setPassword(
      Browser browser, String token, String chosen, String repeated) {
    Response page = browser.get(resetPage(token));
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    String form = page.body().substring(page.body().indexOf("id=\"reset-form\""));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", Html.csrf(form));
    fields.put("token", token);
    fields.put("password", chosen);
    fields.put("repeat", repeated);
    return browser.post("/login/reset", fields);
  }

  private String linkFor(String login) {
    askForLink(panel.browser(), login);
    return lastToken();
  }

  @Test
  void theSignInPage_offersALinkOnlyWhenAMailServerIsConfigured() {
    assertThat(panel.browser().get("/login").body()).contains("id=\"forgot-link\"");

    panel.mailer.answer(MailDelivery.NOT_CONFIGURED);

    assertThat(panel.browser().get("/login").body()).doesNotContain("forgot-link");
    Browser browser = panel.browser();
    Response page = browser.get("/login/forgot");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text())
        .contains("Resetting your password by e-mail is not available here")
        .contains("Ask an administrator");
    assertThat(page.body()).doesNotContain("<form method=\"post\" action=\"/login/forgot\"");
    Response posted =
        browser.post(
            "/login/forgot",
            Map.of("csrf", Html.csrf(browser.get("/login").body()), "login", TestPanel.OPERATOR));
    assertThat(posted.status()).isEqualTo(200);
    assertThat(posted.text()).contains("not available here");
    assertThat(panel.mailer.sent()).isEmpty();
  }

  @Test
  void everyPageOfTheFlow_isAnAccessibleDocument() {
    String token = linkFor(TestPanel.OPERATOR);
    Browser browser = panel.browser();
    List<Response> pages =
        List.of(
            browser.get("/login/forgot"),
            askForLink(browser, ""),
            browser.get(resetPage(token)),
            setPassword(browser, token, "short", "other"),
            browser.get(resetPage("unknown")));
    panel.mailer.answer(MailDelivery.NOT_CONFIGURED);

    for (Response page :
        List.of(pages, List.of(browser.get("/login/forgot"))).stream()
            .flatMap(List::stream)
            .toList()) {
      PagesIT.assertWellFormedPage(page);
    }
  }

  @Test
  void askingForALink_getsTheSameAnswerWhateverTheAccount() {
    panel.create("gone", "operator");
    panel.operators.update(panel.operator("gone").id(), OperatorChanges.active(false));
    Browser browser = panel.browser();

    List<Response> answers =
        List.of("olivia", "OLIVIA@example.com", "nobody", "nobody@example.com", "gone").stream()
            .map(login -> askForLink(browser, login))
            .toList();

    assertThat(answers)
        .allSatisfy(
            answer -> {
              assertThat(answer.status()).isEqualTo(303);
              assertThat(answer.location()).hasValue("/login?notice=reset-link-sent");
              assertThat(answer.body()).isEmpty();
            });
    assertThat(browser.follow(answers.getLast()).text()).contains(SAME_ANSWER);
    assertThat(panel.mailer.sent())
        .extracting(OutgoingMail::to)
        .containsExactly(
            new EmailAddress("olivia@example.com"), new EmailAddress("olivia@example.com"));
  }

  @Test
  void theForgotForm_needsItsCsrfToken() {
    Browser browser = panel.browser();
    browser.get("/login/forgot");

    Response forged = browser.post("/login/forgot", Map.of("login", TestPanel.OPERATOR));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(panel.mailer.sent()).isEmpty();
  }

  @Test
  void theLink_opensTheFormWithoutBeingUsed_thenSetsThePasswordOnce() {
    String token = linkFor(TestPanel.OPERATOR);
    Browser browser = panel.browser();

    Response form = browser.get(resetPage(token));
    assertThat(browser.get(resetPage(token)).status()).isEqualTo(200);

    assertThat(form.status()).isEqualTo(200);
    assertThat(form.header("Referrer-Policy")).hasValue("strict-origin");
    assertThat(form.body())
        .contains("id=\"reset-username\"")
        .contains("id=\"set-password\"")
        .contains("autocomplete=\"new-password\"");
    assertThat(Html.unlabelledFields(form.body())).isEmpty();
    Response changed = setPassword(browser, token, NEW, NEW);
    assertThat(changed.status()).isEqualTo(303);
    assertThat(changed.location()).hasValue("/login?notice=password-reset");
    assertThat(browser.follow(changed).text()).contains("Your password was changed");
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD).status())
        .isEqualTo(401);
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, NEW).status()).isEqualTo(303);

    Response again = panel.browser().get(resetPage(token));
    assertThat(again.status()).isEqualTo(410);
    assertThat(again.text())
        .contains("This link has expired or was already used")
        .contains("Ask for a new one");
    assertThat(again.header("Referrer-Policy")).hasValue("strict-origin");
    Response replayed =
        browser.post(
            "/login/reset",
            Map.of("csrf", Html.csrf(form.body()), "token", token, "password", NEW, "repeat", NEW));
    assertThat(replayed.status()).isEqualTo(410);
  }

  @Test
  void aReset_isAuditedWithWhoAndWhere_andTheOperatorIsToldByMail() {
    String token = linkFor(TestPanel.OPERATOR);

    setPassword(panel.browser(), token, NEW, NEW);

    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.PASSWORD_RESET_BY_LINK)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor().name()).isEqualTo(TestPanel.OPERATOR);
              assertThat(e.actor().clientAddress()).isEqualTo("127.0.0.1");
              assertThat(e.at()).isEqualTo(panel.clock.now());
            });
    OutgoingMail notice = panel.mailer.sent().getLast();
    assertThat(notice.to()).isEqualTo(new EmailAddress("olivia@example.com"));
    assertThat(notice.subject()).isEqualTo("SupportPro: your password was changed");
  }

  @Test
  void weakOrDifferentPasswords_areShownByFieldInASummary_andTheLinkStillWorks() {
    String token = linkFor(TestPanel.OPERATOR);
    Browser browser = panel.browser();

    Response refused = setPassword(browser, token, "short", "other");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body())
        .contains("id=\"error-summary\"")
        .contains("autofocus")
        .contains("href=\"#password\"")
        .contains("href=\"#repeat\"")
        .contains("aria-invalid=\"true\"");
    assertThat(Html.inputValue(refused.body(), "token")).hasValue(token);
    Response controls = setPassword(browser, token, "bad\u0000password-long", "x");
    assertThat(controls.status()).isEqualTo(422);
    assertThat(controls.text()).contains("control characters");
    assertThat(setPassword(browser, token, NEW, NEW).status()).isEqualTo(303);
  }

  @Test
  void aReset_clearsTheForcedChangeOfAnAdministratorsReset() {
    Browser admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    String resetPage =
        "/admin/operators/" + panel.operator(TestPanel.OPERATOR).id() + "/reset-password";
    submit(admin, resetPage, resetPage, Map.of());
    assertThat(panel.operators.findAccount(TestPanel.OPERATOR).orElseThrow().mustChangePassword())
        .isTrue();
    String token = linkFor(TestPanel.OPERATOR);

    setPassword(panel.browser(), token, NEW, NEW);

    assertThat(panel.operators.findAccount(TestPanel.OPERATOR).orElseThrow().mustChangePassword())
        .isFalse();
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, NEW).location()).hasValue("/");
  }

  @Test
  void afterAskingForLinksUntilTheAccountLocks_theNewPasswordStillSignsIn() {
    for (int i = 0; i < 5; i++) {
      askForLink(panel.browser(), TestPanel.OPERATOR);
    }
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD).status())
        .isEqualTo(429);

    setPassword(panel.browser(), lastToken(), NEW, NEW);

    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, NEW).status()).isEqualTo(303);
  }

  @Test
  void aReset_signsTheOperatorOutEverywhere() {
    Browser here = panel.browser();
    signIn(here, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(here.get("/").status()).isEqualTo(200);
    String token = linkFor(TestPanel.OPERATOR);

    // The link opened in the signed-in browser: its own session ends too, and its cookie goes.
    Response changed = setPassword(here, token, NEW, NEW);

    assertThat(changed.status()).isEqualTo(303);
    assertThat(here.cookie("supportpro_session")).isEmpty();
    assertThat(here.get("/").status()).isEqualTo(303);
    assertThat(panel.sessions.listOf(panel.operator(TestPanel.OPERATOR).id())).isEmpty();
  }

  @Test
  void aReset_neverSkipsTheSecondFactor() {
    Browser enrolled = panel.browser();
    signIn(enrolled, TestPanel.OPERATOR, TestPanel.PASSWORD);
    beginAuthenticatorSetup(enrolled, "/account/security/totp");
    String secret = Html.totpSecret(enrolled.get("/account/security/totp").body());
    submit(
        enrolled,
        "/account/security/totp",
        "/account/security/totp",
        Map.of("code", Totp.code(TotpSecret.fromBase32(secret), Totp.step(panel.clock.now()))));
    String token = linkFor(TestPanel.OPERATOR);

    Response changed = setPassword(panel.browser(), token, NEW, NEW);
    Browser next = panel.browser();
    Response password = signIn(next, TestPanel.OPERATOR, NEW);

    assertThat(changed.location()).hasValue("/login?notice=password-reset");
    assertThat(changed.setCookie("supportpro_session")).isEmpty();
    assertThat(password.location())
        .hasValueSatisfying(l -> assertThat(l).startsWith("/login/second-factor"));
    assertThat(next.get("/").location())
        .hasValueSatisfying(l -> assertThat(l).startsWith("/login/second-factor"));
  }

  @Test
  void anExpiredLink_isA410WithOneLogLine_andNoLogLineEverHoldsTheToken() {
    try (LogCapture log = LogCapture.start()) {
      String token = linkFor(TestPanel.OPERATOR);
      Browser browser = panel.browser();
      Response form = browser.get(resetPage(token));
      panel.clock.advance(Duration.ofMinutes(30));

      Response expired = browser.get(resetPage(token));
      Response posted =
          browser.post(
              "/login/reset",
              Map.of(
                  "csrf", Html.csrf(form.body()), "token", token, "password", NEW, "repeat", NEW));

      assertThat(expired.status()).isEqualTo(410);
      assertThat(expired.text()).contains("This link has expired or was already used");
      assertThat(expired.body()).contains("href=\"/login/forgot\"");
      assertThat(posted.status()).isEqualTo(410);
      assertThat(log.lines()).filteredOn(line -> line.contains("password reset link")).hasSize(2);
      assertThat(log.lines()).noneMatch(line -> line.contains(token));
    }
  }

  @Test
  void twoFormsSentAtOnceWithOneLink_setExactlyOnePassword() throws Exception {
    String token = linkFor(TestPanel.OPERATOR);
    String other = "quiet-Meadow-19-harbour";
    List<Callable<Response>> both = new ArrayList<>();
    for (String chosen : List.of(NEW, other)) {
      Browser browser = panel.browser();
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("csrf", Html.csrf(browser.get(resetPage(token)).body()));
      fields.put("token", token);
      fields.put("password", chosen);
      fields.put("repeat", chosen);
      both.add(() -> browser.post("/login/reset", fields));
    }

    List<Response> answers = AtOnce.run(both);

    assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(303, 410);
    String winner = answers.getFirst().status() == 303 ? NEW : other;
    String loser = winner.equals(NEW) ? other : NEW;
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, winner).status()).isEqualTo(303);
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, loser).status()).isEqualTo(401);
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.PASSWORD_RESET_BY_LINK)
        .hasSize(1);
  }

  @Test
  void aNewLink_replacesTheEarlierOne() {
    String first = linkFor(TestPanel.OPERATOR);
    String second = linkFor(TestPanel.OPERATOR);

    assertThat(panel.browser().get(resetPage(first)).status()).isEqualTo(410);
    assertThat(panel.browser().get(resetPage(second)).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "short",
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0000",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé",
        "<script>alert('x')</script>"
      })
  void aTokenOfTheWrongShape_isAClear4xxOnEveryRoute(String token) {
    String valid = linkFor(TestPanel.OPERATOR);
    Browser browser = panel.browser();
    Response form = browser.get(resetPage(valid));

    Response shown = browser.get(resetPage(token));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", Html.csrf(form.body()));
    fields.put("token", token);
    fields.put("password", NEW);
    fields.put("repeat", NEW);
    Response posted = browser.post("/login/reset", fields);

    for (Response answer : List.of(shown, posted)) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(410);
      assertThat(answer.text()).contains("This link has expired or was already used");
      assertThat(answer.body()).doesNotContain("<script>alert");
    }
    assertThat(browser.get(resetPage(valid)).status()).isEqualTo(200);
  }

  @Test
  void oddAddressesForTheResetPage_areNever500() {
    Browser browser = panel.browser();
    for (String target :
        List.of(
            "/login/reset",
            "/login/reset?token",
            "/login/reset?token=%ff%fe",
            "/login/reset?token=%00",
            "/login/reset?token=a&token=b",
            "/login/reset?token=" + "A".repeat(20_000))) {
      Response answer = browser.get(target);
      assertThat(answer.status()).as(target).isBetween(400, 499);
    }
  }

  @Test
  void headAndOtherMethods_neitherUseTheLinkNorFail() throws Exception {
    String token = linkFor(TestPanel.OPERATOR);
    Browser browser = panel.browser();

    for (String method : List.of("HEAD", "PUT", "DELETE", "OPTIONS", "PATCH")) {
      Response answer =
          browser.send(
              browser
                  .request(resetPage(token))
                  .method(method, HttpRequest.BodyPublishers.noBody()));
      assertThat(answer.status()).as(method).isLessThan(500);
    }
    Response withoutForm = browser.post("/login/reset", Map.of("token", token));

    assertThat(withoutForm.status()).isEqualTo(403);
    assertThat(browser.get(resetPage(token)).status()).isEqualTo(200);
    assertThat(browser.get("/login/forgot?login=olivia").status()).isEqualTo(200);
    assertThat(panel.mailer.sent()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(BadInputIT.Nasty.class)
  void hostileInputInTheLoginField_neverFails_andIsEscaped(BadInputIT.Nasty nasty) {
    Browser browser = panel.browser();

    Response answer = askForLink(browser, nasty.value);

    assertThat(answer.status()).as(answer.toString()).isLessThan(500);
    assertThat(answer.body()).doesNotContain("<script>alert").doesNotContain("<img src=x");
    switch (nasty) {
      case EMPTY, HUGE, CONTROL -> {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
            .contains("class=\"field-error\"")
            .contains("id=\"error-summary\"")
            .contains("href=\"#login\"");
      }
      default -> assertThat(answer.location()).hasValue("/login?notice=reset-link-sent");
    }
    assertThat(panel.mailer.sent()).isEmpty();
  }

  @Test
  void manyRequestsFromOneAddress_areThrottledWithTheSameAnswerForAnyName() {
    Browser browser = panel.browser();
    for (int i = 0; i < 20; i++) {
      assertThat(askForLink(browser, "name" + i).status()).isEqualTo(303);
    }

    Response known = askForLink(browser, TestPanel.OPERATOR);
    Response unknown = askForLink(browser, "nobody");

    assertThat(known.status()).isEqualTo(429);
    assertThat(unknown.status()).isEqualTo(429);
    assertThat(known.header("Retry-After")).isPresent();
    assertThat(known.text()).contains("Too many links were asked for from here");
    assertThat(Html.text(unknown.body()).replace("nobody", TestPanel.OPERATOR))
        .isEqualTo(Html.text(known.body()));
    assertThat(panel.mailer.sent()).isEmpty();
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .contains(AuditEventType.SIGN_IN_THROTTLED);
  }
}
