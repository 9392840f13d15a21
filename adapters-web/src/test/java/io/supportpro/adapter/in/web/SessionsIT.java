package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.session.SessionHandle;
import io.supportpro.domain.session.SessionToken;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsIT {
  private static final String FIREFOX_LINUX =
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
  private static final String SAFARI_IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
  private static final Pattern HANDLE =
      Pattern.compile("name=\"session\" value=\"([0-9a-f]{64})\"");

  private TestPanel panel;
  private Operator olivia;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    olivia = panel.operator(TestPanel.OPERATOR);
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  /** A browser signed in as the user, sending the User-Agent with its sign-in. */
  private Browser signedIn(String username, String userAgent) {
    Browser browser = panel.browser();
    Response form = browser.get("/login");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", Html.csrf(form.body()));
    fields.put("next", "/");
    fields.put("login", username);
    fields.put("password", TestPanel.PASSWORD);
    Response answer =
        browser.send(
            browser
                .request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(fields))));
    assertThat(answer.status()).isEqualTo(303);
    return browser;
  }

  private static List<String> handles(String html) {
    return HANDLE.matcher(html).results().map(match -> match.group(1)).toList();
  }

  private static boolean signedOut(Browser browser) {
    Response home = browser.get("/");
    return home.status() == 303 && home.location().orElse("").startsWith("/login");
  }

  @Test
  void theList_describesEachSessionMarksThisOneAndShowsNoTokenOrKey() {
    Browser laptop = signedIn(TestPanel.OPERATOR, FIREFOX_LINUX);
    Browser phone = signedIn(TestPanel.OPERATOR, SAFARI_IPHONE);

    Response page = laptop.get("/account/sessions");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text())
        .contains("Firefox", "Linux", "Safari", "iOS", "127.0.0.1", "This session", "Signed in")
        .contains("Sign out everywhere else");
    // One form per other session: this one is signed out from the top bar instead.
    assertThat(handles(page.body())).hasSize(1);
    for (Browser browser : List.of(laptop, phone)) {
      String token = browser.cookie(SESSION_COOKIE).orElseThrow();
      String key = SessionToken.parse(token).orElseThrow().key().value();
      assertThat(page.body()).doesNotContain(token).doesNotContain(key);
    }
    assertThat(laptop.get("/account/security").body()).contains("href=\"/account/sessions\"");
  }

  @Test
  void signingOutAnotherSession_endsItAndIsAudited() {
    Browser laptop = signedIn(TestPanel.OPERATOR, FIREFOX_LINUX);
    Browser phone = signedIn(TestPanel.OPERATOR, SAFARI_IPHONE);
    String handle = handles(laptop.get("/account/sessions").body()).getFirst();

    Response ended =
        submit(laptop, "/account/sessions", "/account/sessions/end", Map.of("session", handle));

    assertThat(ended.status()).isEqualTo(303);
    assertThat(ended.location()).contains("/account/sessions?notice=session-ended");
    assertThat(laptop.follow(ended).text()).contains("The session was signed out.");
    assertThat(signedOut(phone)).isTrue();
    assertThat(signedOut(laptop)).isFalse();
    AuditEvent event =
        panel.audit.all().stream()
            .filter(e -> e.type() == AuditEventType.SESSION_ENDED)
            .findFirst()
            .orElseThrow();
    assertThat(event.actor().operator()).contains(olivia.id());
    assertThat(event.actor().clientAddress()).isEqualTo("127.0.0.1");
    assertThat(event.subject()).isEqualTo(olivia.id().toString());

    Response again =
        submit(laptop, "/account/sessions", "/account/sessions/end", Map.of("session", handle));
    assertThat(again.location()).contains("/account/sessions?notice=session-gone");
  }

  @Test
  void signingOutEverywhereElse_keepsOnlyThisSession() {
    Browser laptop = signedIn(TestPanel.OPERATOR, FIREFOX_LINUX);
    Browser phone = signedIn(TestPanel.OPERATOR, SAFARI_IPHONE);
    Browser tablet = signedIn(TestPanel.OPERATOR, SAFARI_IPHONE);
    Browser admin = signedIn(TestPanel.ADMIN, FIREFOX_LINUX);

    Response ended = submit(laptop, "/account/sessions", "/account/sessions/end-others", Map.of());

    assertThat(ended.location()).contains("/account/sessions?notice=others-ended");
    assertThat(signedOut(phone)).isTrue();
    assertThat(signedOut(tablet)).isTrue();
    assertThat(signedOut(laptop)).isFalse();
    assertThat(signedOut(admin)).isFalse();
    assertThat(laptop.get("/account/sessions").text()).doesNotContain("Sign out everywhere else");
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.OTHER_SESSIONS_ENDED)
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("ended_sessions", "2"));
  }

  @Test
  void anOperator_cannotEndAnotherOperatorsSession() {
    Browser admin = signedIn(TestPanel.ADMIN, FIREFOX_LINUX);
    Browser laptop = signedIn(TestPanel.OPERATOR, FIREFOX_LINUX);
    String adminsHandle =
        SessionHandle.of(
                SessionToken.parse(admin.cookie(SESSION_COOKIE).orElseThrow()).orElseThrow().key())
            .value();

    Response own =
        submit(
            laptop, "/account/sessions", "/account/sessions/end", Map.of("session", adminsHandle));
    String csrf = Html.csrf(laptop.get("/account/sessions").body());
    Operator adminOperator = panel.operator(TestPanel.ADMIN);
    Response asAdmin =
        laptop.post(
            "/admin/operators/" + adminOperator.id() + "/sessions/end",
            Map.of("csrf", csrf, "session", adminsHandle));

    assertThat(own.location()).contains("/account/sessions?notice=session-gone");
    assertThat(asAdmin.status()).isIn(403, 404);
    assertThat(signedOut(admin)).isFalse();
    assertThat(panel.audit.all()).noneMatch(e -> e.type() == AuditEventType.SESSION_ENDED);
  }

  @Test
  void anAdministrator_seesAndEndsAnOperatorsSessionsFromTheirPage() {
    Browser admin = signedIn(TestPanel.ADMIN, FIREFOX_LINUX);
    Browser phone = signedIn(TestPanel.OPERATOR, SAFARI_IPHONE);
    String page = "/admin/operators/" + olivia.id();

    Response edit = admin.get(page);
    assertThat(edit.text()).contains("Sessions", "Safari", "iOS");
    String handle = handles(edit.body()).getFirst();
    Response ended = submit(admin, page, page + "/sessions/end", Map.of("session", handle));

    assertThat(ended.location()).contains(page + "?notice=session-ended");
    assertThat(signedOut(phone)).isTrue();
    assertThat(admin.get(page).text()).contains("No sessions.");
    AuditEvent event = panel.audit.all().getLast();
    assertThat(event.type()).isEqualTo(AuditEventType.SESSION_ENDED);
    assertThat(event.actor().operator()).contains(panel.operator(TestPanel.ADMIN).id());
    assertThat(event.subject()).isEqualTo(olivia.id().toString());
  }

  @Test
  void hostileInput_isRefusedAndEndsNothing() {
    Browser laptop = signedIn(TestPanel.OPERATOR, FIREFOX_LINUX);
    // What a client can send: a tab, markup, and more text than is kept.
    Browser phone =
        signedIn(TestPanel.OPERATOR, "Evil\tAgent<script>x</script>" + "A".repeat(6_000));
    String handle = handles(laptop.get("/account/sessions").body()).getFirst();

    for (String bad :
        List.of("", "x".repeat(100_000), handle + "\n", handle.toUpperCase(), "../" + handle)) {
      Response refused =
          submit(laptop, "/account/sessions", "/account/sessions/end", Map.of("session", bad));
      assertThat(refused.status()).as(bad.length() > 80 ? "overlong" : bad).isEqualTo(400);
    }
    Response withoutCsrf = laptop.post("/account/sessions/end", Map.of("session", handle));
    assertThat(withoutCsrf.status()).isEqualTo(403);
    Response page = laptop.get("/account/sessions");
    assertThat(page.text()).contains("Unknown").doesNotContain("Evil");
    assertThat(page.body()).doesNotContain("<script>");
    assertThat(panel.sessions.listOf(olivia.id()))
        .extracting(session -> session.client().userAgent())
        .contains("EvilAgent<script>x</script>" + "A".repeat(512 - 27));
    assertThat(signedOut(phone)).isFalse();
  }
}
