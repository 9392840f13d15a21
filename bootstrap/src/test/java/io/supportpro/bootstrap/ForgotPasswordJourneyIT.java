package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.supportpro.adapter.out.mail.SmtpSettings;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

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

  private static Panel panel;
  private static Chromium chromium;
  private static WebDriver driver;

  @BeforeAll
  static void start() {
    panel =
        Panel.withMail(
            Store.H2, SmtpSettings.parse("smtp://127.0.0.1:" + MAIL.getSmtp().getPort(), FROM));
    panel.operator("olivia", "operator");
    chromium = Chromium.start();
    driver = chromium.driver();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (panel != null) {
      panel.close();
    }
  }

  @AfterEach
  void noConsoleProblems() {
    assertThat(chromium.consoleProblems()).as("browser console").isEmpty();
  }

  private static void open(String address) {
    driver.get(panel.base().resolve(address).toString());
    screenshot();
  }

  /** Clicks a control that leads to another page, and waits for that page. */
  private static void follow(By control) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(control).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(
            d -> {
              try {
                page.isEnabled();
                return false;
              } catch (WebDriverException replaced) {
                return true;
              }
            });
    screenshot();
  }

  private static void screenshot() {
    chromium.screenshot(
        "forgot" + URI.create(driver.getCurrentUrl()).getPath().replaceAll("[^A-Za-z0-9]+", "-"));
  }

  private static void type(String field, String text) {
    driver.findElement(By.id(field)).clear();
    driver.findElement(By.id(field)).sendKeys(text);
  }

  private static String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  private static String pageText() {
    return driver.findElement(By.tagName("body")).getText();
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
    open("/login");
    follow(By.id("forgot-link"));
    assertThat(path()).isEqualTo("/login/forgot");
    type("login", "olivia");
    follow(By.id("send-link"));
    assertThat(path()).isEqualTo("/login");
    assertThat(pageText()).contains("If an active account matches, we sent a link");

    String link = mailedLink();
    assertThat(link).startsWith(panel.base().toString());
    driver.get(link);
    screenshot();
    assertThat(driver.findElement(By.id("reset-username")).getText()).isEqualTo("olivia");

    type("password", CHOSEN);
    type("repeat", CHOSEN + "x");
    follow(By.id("set-password"));
    assertThat(chromium.consoleProblems())
        .as("the refused form's status, and nothing else")
        .singleElement()
        .asString()
        .contains("status of 422");
    WebElement summary = driver.findElement(By.id("error-summary"));
    assertThat(driver.switchTo().activeElement()).isEqualTo(summary);
    driver.findElement(By.cssSelector("#error-summary a[href='#repeat']")).click();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("repeat");

    type("password", CHOSEN);
    type("repeat", CHOSEN);
    follow(By.id("set-password"));
    assertThat(path()).isEqualTo("/login");

    type("login", "olivia");
    type("password", CHOSEN);
    follow(By.xpath("//button[normalize-space(text())='Sign in']"));
    assertThat(path()).isEqualTo("/");

    chromium.forgetCookies();
    driver.get(link);
    screenshot();
    assertThat(pageText()).contains("expired or was already used");
    assertThat(chromium.consoleProblems())
        .as("the used link's status, and nothing else")
        .singleElement()
        .asString()
        .contains("status of 410");
  }
}
