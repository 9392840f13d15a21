package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PluginSteps.PROMPT;
import static io.supportpro.adapter.in.web.testing.PluginSteps.operatorsPage;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setForOperator;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpPrompt;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.domain.operator.Operator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the pages say about the e-mails that announce changes to an account. */
class MailNoticesIT {
  private static final String NEW = "copper-Lantern-88-meadow";
  private static final String NO_MAIL =
      "This panel sends no e-mail, so changes are not announced by mail.";
  private static final String NOT_SENT = "The notice e-mail could not be sent.";

  private TestPanel panel;

  @AfterEach
  void stop() {
    panel.close();
  }

  private Browser signedIn(String username) {
    Browser browser = panel.browser();
    signIn(browser, username, TestPanel.PASSWORD);
    return browser;
  }

  private Response changePassword(Browser browser) {
    return submit(
        browser,
        "/account/password",
        "/account/password",
        Map.of("current", TestPanel.PASSWORD, "password", NEW, "repeat", NEW));
  }

  @Test
  void aPasswordChange_isAnnouncedByMail_andThePageSaysNothingMore() {
    panel = TestPanel.start();
    Browser olivia = signedIn(TestPanel.OPERATOR);

    Response changed = changePassword(olivia);

    assertThat(changed.location()).hasValue("/account/password?notice=password-changed");
    assertThat(olivia.follow(changed).text()).doesNotContain(NOT_SENT).doesNotContain(NO_MAIL);
    Operator operator = panel.operator(TestPanel.OPERATOR);
    assertThat(panel.mailer.sent())
        .filteredOn(mail -> mail.subject().equals("SupportPro: your password was changed"))
        .singleElement()
        .extracting(OutgoingMail::to)
        .isEqualTo(operator.email());
  }

  @Test
  void aMailServerThatFails_leavesThePasswordChanged_andThePageSaysTheNoticeWasNotSent() {
    panel = TestPanel.start();
    panel.mailer.answer(MailDelivery.FAILED);
    Browser olivia = signedIn(TestPanel.OPERATOR);

    Response changed = changePassword(olivia);

    assertThat(changed.location())
        .hasValue("/account/password?notice=password-changed&mail=failed");
    assertThat(olivia.follow(changed).text())
        .contains("Your password was changed; your other sessions were signed out. " + NOT_SENT);
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, NEW).status()).isEqualTo(303);
  }

  @Test
  void anAdministratorsReset_saysWhenTheNoticeWasNotSent() {
    panel = TestPanel.start();
    panel.mailer.answer(MailDelivery.FAILED);
    Browser admin = signedIn(TestPanel.ADMIN);
    String page = "/admin/operators/" + panel.operator(TestPanel.OPERATOR).id() + "/reset-password";

    Response reset = submit(admin, page, page, Map.of());

    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.text()).contains(NOT_SENT);
  }

  @Test
  void withoutMail_theAccountPagesSaySo_andNothingIsSent() {
    panel = TestPanel.startWithoutMail();
    Browser olivia = signedIn(TestPanel.OPERATOR);

    assertThat(olivia.get("/account/password").text()).contains(NO_MAIL);
    assertThat(olivia.get("/account/security").text()).contains(NO_MAIL);
    Response changed = changePassword(olivia);

    assertThat(olivia.follow(changed).text()).doesNotContain(NOT_SENT);
    assertThat(panel.mailer.sent()).isEmpty();
  }

  @Test
  void onlyTheExactMarkerInTheAddress_addsTheSentence() {
    panel = TestPanel.start();
    Browser olivia = signedIn(TestPanel.OPERATOR);

    for (String mail : new String[] {"FAILED", "failed%0d%0aX", "%3Cscript%3E", "failed,x"}) {
      assertThat(olivia.get("/account/password?notice=password-changed&mail=" + mail).text())
          .doesNotContain(NOT_SENT)
          .doesNotContain("<script>");
    }
    assertThat(olivia.get("/account/password?mail=failed").text()).doesNotContain(NOT_SENT);
  }

  private static final String NEW_BROWSER = "SupportPro: sign-in from a new browser";

  private long newBrowserNotices() {
    return panel.mailer.sent().stream().filter(m -> m.subject().equals(NEW_BROWSER)).count();
  }

  @Test
  void aSignIn_fromABrowserNotSeenBefore_isAnnounced_andTheBrowserIsRememberedByItsCookie() {
    panel = TestPanel.start();
    Browser browser = panel.browser();

    Response signedIn = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.headers().allValues("Set-Cookie"))
        .filteredOn(c -> c.startsWith("supportpro_browser="))
        .singleElement()
        .asString()
        .matches(
            "supportpro_browser=[A-Za-z0-9_-]{43}; Max-Age=34560000; Path=/; HttpOnly;"
                + " SameSite=Lax");
    assertThat(newBrowserNotices()).isEqualTo(1);
    String cookie = browser.cookie("supportpro_browser").orElseThrow();
    // The browser closes (its session cookie goes) and signs in again another day.
    browser.removeCookie("supportpro_session");

    assertThat(signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD).status()).isEqualTo(303);
    assertThat(newBrowserNotices()).isEqualTo(1);
    assertThat(browser.cookie("supportpro_browser")).contains(cookie);

    signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(newBrowserNotices()).isEqualTo(2);
  }

  @Test
  void aForgedBrowserCookie_isReplaced_andCountsAsNew() {
    panel = TestPanel.start();
    Browser browser = panel.browser();
    browser.setCookie("supportpro_browser", "forged");

    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertThat(browser.cookie("supportpro_browser"))
        .hasValueSatisfying(v -> assertThat(v).matches("[A-Za-z0-9_-]{43}"));
    assertThat(newBrowserNotices()).isEqualTo(1);
  }

  @Test
  void behindHttps_theBrowserCookieIsSecureAndHostOnly() {
    panel = TestPanel.start(java.net.URI.create("https://panel.example"));
    Browser browser = panel.browser();

    Response signedIn = signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertThat(signedIn.headers().allValues("Set-Cookie"))
        .filteredOn(c -> c.startsWith("__Host-supportpro_browser="))
        .singleElement()
        .asString()
        .endsWith("; Path=/; HttpOnly; SameSite=Lax; Secure");
  }

  @Test
  void aPluginTurnedOnForOneOperator_isAnnounced_butAChangeForAllMatchingIsNot_asItsPageSays() {
    panel = TestPanel.start();
    Browser admin = signedIn(TestPanel.ADMIN);
    setUpPrompt(admin, "closed");
    panel.mailer.answer(MailDelivery.FAILED);
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();

    Response enabled = setForOperator(admin, PROMPT, olivia, true);

    assertThat(enabled.location())
        .hasValueSatisfying(l -> assertThat(l).contains("&mail=failed&operator=" + olivia));
    assertThat(admin.follow(enabled).text())
        .contains("Example Prompt was enabled for olivia. " + NOT_SENT);
    assertThat(panel.mailer.sent())
        .filteredOn(m -> m.subject().equals("SupportPro: your second factor was changed"))
        .singleElement()
        .extracting(OutgoingMail::body)
        .asString()
        .contains("as the second factor was turned on for your SupportPro account \"olivia\"");

    Response asked = admin.get(operatorsPage(PROMPT) + "/all?enabled=false");

    assertThat(asked.text()).contains("The operators are not told of this change by e-mail.");
  }
}
