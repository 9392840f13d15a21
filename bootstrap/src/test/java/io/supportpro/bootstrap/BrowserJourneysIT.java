package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoSettings;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every journey of the panel in a real headless Chromium against the whole application (H2, the
 * real Duo SDK, the Duo emulator's prompt). Each page is kept as a screenshot under {@code
 * target/screenshots}; any console error or Content-Security-Policy violation fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneysIT {
  private static Panel panel;
  private static Chromium chromium;
  private static WebDriver driver;
  private static String oliviasSecret;
  private static List<String> oliviasRecoveryCodes;

  @BeforeAll
  static void start() {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
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

  @BeforeEach
  void newBrowserSession() {
    // Each journey starts signed out, whatever the one before it left behind.
    chromium.forgetCookies();
  }

  @AfterEach
  void noConsoleProblems() {
    assertThat(chromium.consoleProblems()).as("browser console").isEmpty();
  }

  private static void open(String path) {
    driver.get(panel.base().resolve(path).toString());
    shotOfThisPage();
  }

  /** Keeps a screenshot of every page a journey reaches, named after its address. */
  private static void shotOfThisPage() {
    URI page = URI.create(driver.getCurrentUrl());
    String where = page.getPort() == panel.base().getPort() ? "panel" : "duo-emulator";
    String path = "/".equals(page.getPath()) ? "/home" : page.getPath();
    chromium.screenshot(where + path.replaceAll("[^A-Za-z0-9]+", "-"));
  }

  private static By button(String text) {
    return By.xpath("//button[normalize-space(text())='" + text + "']");
  }

  /** Presses a button that submits a form and waits for the next page to replace this one. */
  private static void press(String text) {
    press(button(text));
  }

  /** Presses a button in the plugin's row of the Plugins page. */
  private static void pressFor(String plugin, String text) {
    press(
        By.xpath(
            "//tr[@id='plugin-" + plugin + "']//button[normalize-space(text())='" + text + "']"));
  }

  private static void press(By button) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(button).click();
    awaitReplaced(page);
    shotOfThisPage();
  }

  /** Waits until the page whose root element this is has been replaced by another. */
  private static void awaitReplaced(WebElement page) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(
            d -> {
              try {
                page.isEnabled();
                return false;
              } catch (WebDriverException gone) {
                // Stale, or (while the old page is torn down) no longer in any document.
                return true;
              }
            });
  }

  private static String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  private static String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private static String code(String secret, int stepsAhead) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(Instant.now()) + stepsAhead);
  }

  private static void signIn(String username) {
    open("/login");
    driver.findElement(By.id("login")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(Panel.PASSWORD);
    press("Sign in");
  }

  private static void signOut() {
    press("Sign out");
    assertThat(path()).isEqualTo("/login");
    chromium.forgetCookies();
  }

  @Test
  @Order(1)
  void theFirstAdministratorSignsInWithTheKeyboardAlone() {
    open("/login");
    var keys = new Actions(driver);
    for (int i = 0;
        i < 10 && !"login".equals(driver.switchTo().activeElement().getAttribute("id"));
        i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("login");
    WebElement form = driver.findElement(By.tagName("html"));
    keys.sendKeys("root")
        .sendKeys(Keys.TAB)
        .sendKeys(Panel.PASSWORD)
        .sendKeys(Keys.ENTER)
        .perform();
    awaitReplaced(form);
    shotOfThisPage();

    assertThat(path()).isEqualTo("/");
    assertThat(pageText()).contains("root");
    for (String page :
        List.of(
            "/admin/operators",
            "/admin/operators/new",
            "/admin/audit",
            "/admin/throttles",
            "/admin/settings")) {
      open(page);
      assertThat(path()).isEqualTo(page);
    }
    signOut();
  }

  @Test
  @Order(2)
  void anOperatorEnrolsAnAuthenticatorAppAndSignsInWithACodeAndARecoveryCode() {
    signIn("olivia");
    open("/account/security");
    press("Set up an authenticator app");
    oliviasSecret = driver.findElement(By.cssSelector(".secret")).getText().replace(" ", "");
    driver.findElement(By.id("code")).sendKeys(code(oliviasSecret, 0));
    press("Confirm and turn on");
    oliviasRecoveryCodes =
        driver.findElements(By.cssSelector(".recovery-codes li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(oliviasRecoveryCodes).hasSize(10);
    signOut();

    signIn("olivia");
    assertThat(path()).isEqualTo("/login/second-factor");
    driver.findElement(By.id("code")).sendKeys(code(oliviasSecret, 1));
    press("Continue");
    assertThat(path()).isEqualTo("/");
    signOut();

    signIn("olivia");
    driver.findElement(By.id("code")).sendKeys(oliviasRecoveryCodes.getFirst());
    press("Continue");
    assertThat(path()).isEqualTo("/");
    signOut();
  }

  @Test
  @Order(3)
  void anAdministratorSetsUpDuoAndAnOperatorSignsInThroughTheDuoPrompt() {
    signIn("root");
    open("/admin/plugins");
    pressFor(DuoSetup.ID, "Install");
    pressFor(DuoSetup.ID, "Activate");
    open("/admin/plugins/duo-security/settings");
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
      WebElement field = driver.findElement(By.id("setting-" + key));
      field.clear();
      field.sendKeys(values.get(key));
    }
    press("Test connection");
    assertThat(pageText()).contains("Duo accepted these settings.");
    // The secret typed for the test is held for Save: it is typed once.
    assertThat(pageText()).contains("The secret you typed is held on the server");
    press("Save settings");
    assertThat(pageText()).contains("Settings saved");
    assertThat(driver.getPageSource()).doesNotContain(values.get(DuoSettings.CLIENT_SECRET));
    open("/admin/plugins/duo-security/operators");
    WebElement operators = driver.findElement(By.tagName("html"));
    driver.findElement(By.xpath("//tr[td[normalize-space()='olivia']]//button")).click();
    awaitReplaced(operators);
    shotOfThisPage();
    assertThat(driver.findElement(By.xpath("//tr[td[normalize-space()='olivia']]")).getText())
        .contains("Enabled");
    signOut();

    DuoEmulators.shared().allow("olivia");
    String prompt = DuoEmulators.shared().promptBase().toString();
    // Forgets the pages asked for so far: only this sign-in's count.
    chromium.documentRequests();
    signIn("olivia");
    // The password leads straight to Duo's prompt, and Duo straight back in: no page between.
    assertThat(chromium.documentRequests())
        .satisfiesExactly(
            form -> assertThat(form).isEqualTo("GET " + panel.base() + "/login"),
            password -> assertThat(password).isEqualTo("POST " + panel.base() + "/login"),
            atDuo -> assertThat(atDuo).startsWith("GET " + prompt));
    press("Approve");
    assertThat(chromium.documentRequests())
        .satisfiesExactly(
            approved -> assertThat(approved).startsWith("POST " + prompt),
            callback -> assertThat(callback).startsWith("GET " + panel.base() + "/duo/callback?"),
            home -> assertThat(home).isEqualTo("GET " + panel.base() + "/"));
    assertThat(path()).isEqualTo("/");
    signOut();

    signIn("olivia");
    assertThat(driver.getCurrentUrl()).startsWith(prompt);
    press("Deny");
    assertThat(pageText()).contains("Duo denied this sign-in.");
    // The refusal page answers 403, which Chromium reports; nothing else may appear.
    assertThat(chromium.consoleProblems())
        .singleElement()
        .satisfies(
            message -> assertThat(message).contains("/duo/callback?").endsWith("403 (Forbidden)"));
    open("/");
    assertThat(path()).isEqualTo("/login");
    chromium.forgetCookies();
  }

  @Test
  @Order(4)
  void afterDeactivatingDuoTheBuiltIn2faAppliesAgain() {
    signIn("root");
    open("/admin/plugins");
    press(By.xpath("//tr[@id='plugin-" + DuoSetup.ID + "']//a[starts-with(text(),'Deactivate')]"));
    press("Deactivate");
    signOut();

    signIn("olivia");
    assertThat(path()).isEqualTo("/login/second-factor");
    driver.findElement(By.id("code")).sendKeys(oliviasRecoveryCodes.get(1));
    press("Continue");
    assertThat(path()).isEqualTo("/");
    signOut();
  }

  @Test
  @Order(5)
  void uninstallingDeletesTheSettings_whichAreGoneAfterAReinstall() {
    signIn("root");
    open("/admin/plugins/duo-security/uninstall");
    assertThat(pageText()).contains("irreversible");
    press("Uninstall permanently");
    open("/admin/plugins");
    pressFor(DuoSetup.ID, "Install");
    pressFor(DuoSetup.ID, "Activate");
    open("/admin/plugins/duo-security/settings");

    assertThat(driver.findElement(By.id("setting-" + DuoSettings.CLIENT_ID)).getAttribute("value"))
        .isEmpty();
    assertThat(
            driver.findElement(By.id("setting-" + DuoSettings.API_HOSTNAME)).getAttribute("value"))
        .isEmpty();
    assertThat(pageText()).doesNotContain("A secret is saved");
    signOut();
  }
}
