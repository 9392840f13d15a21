package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.domain.operator.Operator;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Chromium against the whole application on H2, an administrator deactivates Duo through the
 * page that counts who falls back to what, and resets an operator's two-factor authentication
 * through the page that says what it removes. Any console error or Content-Security-Policy
 * violation fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfirmationsJourneyIT {
  private static Panel panel;
  private static Chromium chromium;
  private static WebDriver driver;
  private static Operator ada;

  @BeforeAll
  static void start() {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
    Operator olivia = panel.operator("olivia", "operator");
    ada = panel.operator("ada", "operator");
    DuoSetup.enable(panel, "closed", olivia, ada);
    // Ada has an authenticator app with three unused recovery codes; no use case writes one
    // without a code from a phone.
    panel.execute(
        "insert into totp_enrolment (operator_id, encrypted_secret, confirmed, created_at)"
            + " values (?, 'v1:unused', true, current_timestamp)",
        ada.id().value());
    for (String code : new String[] {"a", "b", "c"}) {
      panel.execute(
          "insert into recovery_code (operator_id, code_hash) values (?, ?)",
          ada.id().value(),
          code.repeat(64));
    }
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

  @BeforeEach
  void signedOut() {
    chromium.forgetCookies();
  }

  @AfterEach
  void noConsoleProblems() {
    assertThat(chromium.consoleProblems()).as("browser console").isEmpty();
  }

  private static void open(String path) {
    driver.get(panel.base().resolve(path).toString());
    shot();
  }

  private static void shot() {
    chromium.screenshot("confirm" + path().replaceAll("[^A-Za-z0-9]+", "-"));
  }

  /** Clicks a button or link that leads to another page, and waits for that page. */
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
    shot();
  }

  private static By button(String text) {
    return By.xpath("//button[normalize-space(text())='" + text + "']");
  }

  private static By link(String text) {
    return By.xpath("//a[starts-with(normalize-space(text()),'" + text + "')]");
  }

  private static String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  private static String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private static void signInAsRoot() {
    open("/login");
    driver.findElement(By.id("login")).sendKeys("root");
    driver.findElement(By.id("password")).sendKeys(Panel.PASSWORD);
    follow(button("Sign in"));
    assertThat(path()).isEqualTo("/");
  }

  @Test
  @Order(1)
  void anAdministratorDeactivatesDuoAfterSeeingWhoFallsBackToWhat() {
    signInAsRoot();
    open("/admin/plugins");
    String row = "//tr[@id='plugin-" + DuoSecurityPlugin.ID.value() + "']";
    assertThat(driver.findElements(By.xpath(row + "//form[contains(@action,'/deactivate')]")))
        .as("no one-click deactivation")
        .isEmpty();

    follow(By.xpath(row + "//a[starts-with(normalize-space(text()),'Deactivate')]"));

    assertThat(path()).isEqualTo("/admin/plugins/" + DuoSecurityPlugin.ID.value() + "/deactivate");
    assertThat(pageText())
        .contains("Deactivate Duo Security?")
        .contains(
            "2 operators use Duo Security and will sign in with their authenticator app or"
                + " password only: 1 with their authenticator app, 1 with their password only.");
    follow(button("Deactivate"));

    assertThat(path()).isEqualTo("/admin/plugins");
    assertThat(pageText()).contains("The plugin was deactivated.", "Installed, inactive");
  }

  @Test
  @Order(2)
  void anAdministratorResetsTwoFactorAfterSeeingWhatItRemoves() {
    signInAsRoot();
    open("/admin/operators/" + ada.id());

    follow(link("Reset 2FA"));

    assertThat(pageText())
        .contains("Reset two-factor authentication of Test ada?")
        .contains("authenticator app and 3 unused recovery codes")
        .contains("they sign in with their password only");
    follow(button("Reset 2FA"));

    assertThat(path()).isEqualTo("/admin/operators/" + ada.id());
    assertThat(pageText())
        .contains("Two-factor authentication was reset")
        .contains("Nothing to reset: this operator has no authenticator app");
    assertThat(
            panel.count(
                "select count(*) from totp_enrolment where operator_id = ?", ada.id().value()))
        .isZero();
  }
}
