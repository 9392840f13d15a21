package io.supportpro.bootstrap;

import static io.supportpro.bootstrap.BrowserSteps.button;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.supportpro.adapter.out.mail.SmtpSettings;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * "Forgot your password?" in a real headless Chromium against the whole application on H2, with the
 * link travelling through a real SMTP server: asked for on the sign-in page, opened from the mail,
 * a new password chosen, and the link refused when opened again. Any console error or
 * Content-Security-Policy violation fails it.
 */
class ForgotPasswordJourneyIT {
  private static final String FROM = "SupportPro <panel@example.com>";
  private static final String CHOSEN = "Silver-otter-harbour-27";
  private static final Pattern LINK =
      Pattern.compile("http://\\S+/login/reset\\?token=[A-Za-z0-9_-]+");

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
          .withPerMethodLifecycle(false);

  @AutoClose private static Panel panel;
  @AutoClose private static BrowserSteps browser;

  @BeforeAll
  static void start() {
    panel =
        Panel.withMail(
            Store.H2, SmtpSettings.parse("smtp://127.0.0.1:" + MAIL.getSmtp().getPort(), FROM));
    panel.operator("olivia", "operator");
    browser = BrowserSteps.start(panel.base(), "forgot");
  }

  @AfterEach
  void endOfJourney() {
    browser.endJourney();
  }

  /** The reset link in the one mail the server received, which arrives from the mail thread. */
  private static String mailedLink() throws Exception {
    assertThat(MAIL.waitForIncomingEmail(15_000, 1)).as("the link's mail arrived").isTrue();
    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("olivia@example.com");
    Matcher link = LINK.matcher((String) received[0].getContent());
    assertThat(link.find()).as("a reset link in the mail").isTrue();
    return link.group();
  }

  @Test
  void anOperatorWhoForgotTheirPasswordSetsANewOneThroughTheMailedLink() throws Exception {
    browser.open("/login");
    browser.follow(By.id("forgot-link"));
    assertThat(browser.path()).isEqualTo("/login/forgot");
    browser.type("login", "olivia");
    browser.follow(By.id("send-link"));
    assertThat(browser.path()).isEqualTo("/login");
    assertThat(browser.pageText()).contains("If an active account matches, a link was sent");

    String link = mailedLink();
    assertThat(link).startsWith(panel.base().toString());
    browser.open(link);
    assertThat(browser.driver().findElement(By.id("reset-username")).getText()).isEqualTo("olivia");

    browser.type("password", CHOSEN);
    browser.type("repeat", CHOSEN + "x");
    browser.follow(By.id("set-password"));
    assertThat(browser.chromium().consoleProblems())
        .as("the refused form's status, and nothing else")
        .singleElement()
        .asString()
        .contains("status of 422");
    WebElement summary = browser.driver().findElement(By.id("error-summary"));
    assertThat(browser.driver().switchTo().activeElement()).isEqualTo(summary);
    browser.driver().findElement(By.cssSelector("#error-summary a[href='#repeat']")).click();
    assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("repeat");

    browser.type("password", CHOSEN);
    browser.type("repeat", CHOSEN);
    browser.follow(By.id("set-password"));
    assertThat(browser.path()).isEqualTo("/login");

    browser.type("login", "olivia");
    browser.type("password", CHOSEN);
    browser.follow(button("Sign in"));
    assertThat(browser.path()).isEqualTo("/");

    browser.chromium().forgetCookies();
    browser.open(link);
    assertThat(browser.pageText()).contains("expired or was already used");
    assertThat(browser.chromium().consoleProblems())
        .as("the used link's status, and nothing else")
        .singleElement()
        .asString()
        .contains("status of 410");
  }
}
