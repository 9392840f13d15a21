package io.supportpro.bootstrap;

import static io.supportpro.bootstrap.BrowserSteps.button;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoSettings;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every journey of the panel in a real headless Chromium against the whole application (H2, the
 * real Duo SDK, the Duo emulator's prompt). Each page is kept as a screenshot under {@code
 * target/screenshots}; any console error or Content-Security-Policy violation fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneysIT {
  @AutoClose private static Panel panel;
  @AutoClose private static BrowserSteps browser;
  private static WebDriver driver;
  private static String oliviasSecret;
  private static List<String> oliviasRecoveryCodes;

  @BeforeAll
  static void start() {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
    panel.operator("olivia", "operator");
    browser = BrowserSteps.start(panel.base(), "journeys");
    driver = browser.driver();
  }

  @AfterEach
  void endOfJourney() {
    browser.endJourney();
  }

  /** Presses a button in the plugin's row of the Plugins page. */
  private static void pressFor(String plugin, String text) {
    browser.follow(
        By.xpath(
            "//tr[@id='plugin-" + plugin + "']//button[normalize-space(text())='" + text + "']"));
  }

  private static String code(String secret, int stepsAhead) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(Instant.now()) + stepsAhead);
  }

  private static void signIn(String username) {
    browser.signIn(username, Panel.PASSWORD);
  }

  @Test
  @Order(1)
  void theFirstAdministratorSignsInWithTheKeyboardAlone() {
    browser.open("/login");
    var keys = new Actions(driver);
    for (int i = 0;
        i < 10 && !"login".equals(driver.switchTo().activeElement().getAttribute("id"));
        i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("login");
    browser.awaitNextPage(
        () ->
            keys.sendKeys("root")
                .sendKeys(Keys.TAB)
                .sendKeys(Panel.PASSWORD)
                .sendKeys(Keys.ENTER)
                .perform());
    browser.shot();

    assertThat(browser.path()).isEqualTo("/");
    assertThat(browser.pageText()).contains("root");
    for (String page :
        List.of(
            "/admin/operators",
            "/admin/operators/new",
            "/admin/audit",
            "/admin/throttles",
            "/admin/settings")) {
      browser.open(page);
      assertThat(browser.path()).isEqualTo(page);
    }
    browser.signOut();
  }

  @Test
  @Order(2)
  void anOperatorEnrolsAnAuthenticatorAppAndSignsInWithACodeAndARecoveryCode() {
    signIn("olivia");
    browser.open("/account/security");
    browser.follow(button("Set up an authenticator app"));
    oliviasSecret = driver.findElement(By.cssSelector(".secret")).getText().replace(" ", "");
    browser.type("code", code(oliviasSecret, 0));
    browser.follow(button("Confirm and turn on"));
    oliviasRecoveryCodes =
        driver.findElements(By.cssSelector(".recovery-codes li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(oliviasRecoveryCodes).hasSize(10);
    browser.signOut();

    signIn("olivia");
    assertThat(browser.path()).isEqualTo("/login/second-factor");
    browser.type("code", code(oliviasSecret, 1));
    browser.follow(button("Continue"));
    assertThat(browser.path()).isEqualTo("/");
    browser.signOut();

    signIn("olivia");
    browser.type("code", oliviasRecoveryCodes.getFirst());
    browser.follow(button("Continue"));
    assertThat(browser.path()).isEqualTo("/");
    browser.signOut();
  }

  @Test
  @Order(3)
  void anAdministratorSetsUpDuoAndAnOperatorSignsInThroughTheDuoPrompt() {
    signIn("root");
    browser.open("/admin/plugins");
    pressFor(DuoSetup.ID, "Install");
    pressFor(DuoSetup.ID, "Activate");
    browser.open("/admin/plugins/duo-security/settings");
    Map<String, String> values = DuoSetup.settings("closed");
    // The proxy and the pins the emulator needs are among the advanced settings, folded away.
    driver.findElement(By.xpath("//summary[normalize-space()='Advanced settings']")).click();
    for (String key :
        List.of(
            DuoSettings.CLIENT_ID,
            DuoSettings.CLIENT_SECRET,
            DuoSettings.API_HOSTNAME,
            DuoSettings.PROXY_HOST,
            DuoSettings.PROXY_PORT,
            DuoSettings.CERTIFICATE_PINS)) {
      browser.type("setting-" + key, values.get(key));
    }
    browser.follow(button("Test connection"));
    assertThat(browser.pageText()).contains("Duo accepted these settings.");
    // The secret typed for the test is held for Save: it is typed once.
    assertThat(browser.pageText()).contains("The secret you typed is held on the server");
    browser.follow(button("Save settings"));
    assertThat(browser.pageText()).contains("The plugin settings were saved.");
    assertThat(driver.getPageSource()).doesNotContain(values.get(DuoSettings.CLIENT_SECRET));
    browser.open("/admin/plugins/duo-security/operators");
    browser.follow(By.xpath("//tr[td[normalize-space()='olivia']]//button"));
    assertThat(driver.findElement(By.xpath("//tr[td[normalize-space()='olivia']]")).getText())
        .contains("Enabled");
    browser.signOut();

    DuoEmulators.shared().allow("olivia");
    String prompt = DuoEmulators.shared().promptBase().toString();
    // Forgets the pages asked for so far: only this sign-in's count.
    browser.chromium().documentRequests();
    signIn("olivia");
    // The password leads straight to Duo's prompt, and Duo straight back in: no page between.
    assertThat(browser.chromium().documentRequests())
        .satisfiesExactly(
            form -> assertThat(form).isEqualTo("GET " + panel.base() + "/login"),
            password -> assertThat(password).isEqualTo("POST " + panel.base() + "/login"),
            atDuo -> assertThat(atDuo).startsWith("GET " + prompt));
    browser.follow(button("Approve"));
    assertThat(browser.chromium().documentRequests())
        .satisfiesExactly(
            approved -> assertThat(approved).startsWith("POST " + prompt),
            callback -> assertThat(callback).startsWith("GET " + panel.base() + "/duo/callback?"),
            home -> assertThat(home).isEqualTo("GET " + panel.base() + "/"));
    assertThat(browser.path()).isEqualTo("/");
    browser.signOut();

    signIn("olivia");
    assertThat(driver.getCurrentUrl()).startsWith(prompt);
    browser.follow(button("Deny"));
    assertThat(browser.pageText()).contains("Duo denied this sign-in.");
    // The refusal page answers 403, which Chromium reports; nothing else may appear.
    assertThat(browser.chromium().consoleProblems())
        .singleElement()
        .satisfies(
            message -> assertThat(message).contains("/duo/callback?").endsWith("403 (Forbidden)"));
    browser.open("/");
    assertThat(browser.path()).isEqualTo("/login");
    browser.chromium().forgetCookies();
  }

  @Test
  @Order(4)
  void afterDeactivatingDuoTheBuiltIn2faAppliesAgain() {
    signIn("root");
    browser.open("/admin/plugins");
    browser.follow(
        By.xpath("//tr[@id='plugin-" + DuoSetup.ID + "']//a[starts-with(text(),'Deactivate')]"));
    browser.follow(button("Deactivate"));
    browser.signOut();

    signIn("olivia");
    assertThat(browser.path()).isEqualTo("/login/second-factor");
    browser.type("code", oliviasRecoveryCodes.get(1));
    browser.follow(button("Continue"));
    assertThat(browser.path()).isEqualTo("/");
    browser.signOut();
  }

  @Test
  @Order(5)
  void uninstallingDeletesTheSettings_whichAreGoneAfterAReinstall() {
    signIn("root");
    browser.open("/admin/plugins/duo-security/uninstall");
    assertThat(browser.pageText()).contains("irreversible");
    browser.follow(button("Uninstall permanently"));
    browser.open("/admin/plugins");
    pressFor(DuoSetup.ID, "Install");
    pressFor(DuoSetup.ID, "Activate");
    browser.open("/admin/plugins/duo-security/settings");

    assertThat(driver.findElement(By.id("setting-" + DuoSettings.CLIENT_ID)).getAttribute("value"))
        .isEmpty();
    assertThat(
            driver.findElement(By.id("setting-" + DuoSettings.API_HOSTNAME)).getAttribute("value"))
        .isEmpty();
    assertThat(browser.pageText()).doesNotContain("A secret is saved");
    browser.signOut();
  }
}
