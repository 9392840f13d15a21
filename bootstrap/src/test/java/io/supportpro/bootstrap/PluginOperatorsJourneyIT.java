package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.bootstrap.example.ExampleCodePlugin;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Chromium, an administrator filters a plugin's operators, enables it for two selected ones,
 * then for all that match after confirming the count, and comes back to the row of one disabled; no
 * console error or CSP violation on the way.
 */
class PluginOperatorsJourneyIT {
  private static final String OPERATORS = PluginSteps.operatorsPage(ExampleCodePlugin.ID.value());

  private static Panel panel;
  private static Chromium chromium;
  private static WebDriver driver;

  @BeforeAll
  static void start() {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
    for (int i = 0; i < 6; i++) {
      panel.operator("agent%02d".formatted(i), "operator");
    }
    panel.operator("agent-lead", "administrator");
    Browser admin = panel.browser();
    assertThat(signIn(admin, "root", Panel.PASSWORD).status()).isEqualTo(303);
    PluginSteps.installAndActivate(admin, ExampleCodePlugin.ID.value());
    assertThat(
            PluginSteps.saveSettings(
                    admin,
                    ExampleCodePlugin.ID.value(),
                    SettingsForm.fields(
                        Map.of(ExampleCodePlugin.SECRET, TotpSecret.random().base32())))
                .status())
        .isEqualTo(303);
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

  private static void open(String path) {
    driver.get(panel.base().resolve(path).toString());
    chromium.screenshot("operators-journey-" + path.replaceAll("[^A-Za-z0-9]+", "-"));
  }

  /** Clicks what submits a form or follows a link, and waits for the next page. */
  private static void go(By what, String shot) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(what).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(
            d -> {
              try {
                page.isEnabled();
                return false;
              } catch (WebDriverException gone) {
                return true;
              }
            });
    chromium.screenshot("operators-journey-" + shot);
  }

  private static By button(String text) {
    return By.xpath("//button[normalize-space(text())='" + text + "']");
  }

  private static String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private static void check(String username) {
    driver.findElement(By.xpath("//tr[td[normalize-space()='" + username + "']]//input")).click();
  }

  private static String row(String username) {
    return driver.findElement(By.xpath("//tr[td[normalize-space()='" + username + "']]")).getText();
  }

  @Test
  void
      anAdministratorFiltersSelectsAndEnablesTwo_thenAllThatMatchAfterConfirming_thenDisablesOne() {
    open("/login");
    driver.findElement(By.id("login")).sendKeys("root");
    driver.findElement(By.id("password")).sendKeys(Panel.PASSWORD);
    go(button("Sign in"), "signed-in");

    open(OPERATORS);
    driver.findElement(By.id("q")).sendKeys("agent");
    new Select(driver.findElement(By.id("role"))).selectByValue("operator");
    new Select(driver.findElement(By.id("status"))).selectByValue("not-enabled");
    go(button("Search"), "filtered");
    assertThat(pageText()).contains("6 operators match; Example code is enabled for 0 of them.");
    assertThat(pageText()).doesNotContain("agent-lead");

    check("agent01");
    check("agent04");
    go(button("Enable selected"), "enabled-selected");
    assertThat(pageText()).contains("Example code is now enabled for 2 more operators.");
    assertThat(URI.create(driver.getCurrentUrl()).getQuery())
        .contains("q=agent", "status=not-enabled", "role=operator");
    assertThat(URI.create(driver.getCurrentUrl()).getFragment()).isEqualTo("operators");
    assertThat(pageText()).contains("4 operators match").doesNotContain("agent01");

    go(By.linkText("Enable for all 4 matching operators"), "confirm-all");
    assertThat(pageText())
        .contains("Enable Example code for all 4 matching operators?")
        .contains("Each of them will confirm every sign-in with Example code.");
    go(button("Enable for all 4 operators"), "enabled-all");
    assertThat(pageText()).contains("Example code is now enabled for 4 more operators.");
    assertThat(pageText()).contains("No operators match.");

    open(OPERATORS + "?q=agent");
    assertThat(row("agent03")).contains("Enabled");
    go(By.xpath("//tr[td[normalize-space()='agent03']]//button"), "disabled-one");
    assertThat(URI.create(driver.getCurrentUrl()).getFragment()).startsWith("operator-");
    assertThat(row("agent03")).contains("Not enabled");
    assertThat(row("agent-lead")).contains("Not enabled", "Administrator");
    assertThat(chromium.consoleProblems()).as("browser console").isEmpty();
  }
}
