package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The password journeys in a real headless Chromium against the whole application on H2: an
 * operator's own change, and an administrator's reset followed by the operator's forced choice. Any
 * console error or Content-Security-Policy violation fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordJourneysIT {
  private static final String CHOSEN = "Quiet-harbour-lights-31";
  private static final String CHOSEN_AFTER_RESET = "Amber-kestrel-rivers-64";

  private static Panel panel;
  private static Chromium chromium;
  private static WebDriver driver;
  private static Operator olivia;

  @BeforeAll
  static void start() {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
    olivia = panel.operator("olivia", "operator");
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
    chromium.screenshot("password" + path().replaceAll("[^A-Za-z0-9]+", "-"));
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
    chromium.screenshot("password" + path().replaceAll("[^A-Za-z0-9]+", "-"));
  }

  private static By button(String text) {
    return By.xpath("//button[normalize-space(text())='" + text + "']");
  }

  private static void type(String field, String text) {
    driver.findElement(By.id(field)).sendKeys(text);
  }

  private static String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  private static String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private static void signIn(String username, String password) {
    open("/login");
    type("login", username);
    type("password", password);
    follow(button("Sign in"));
  }

  private static void signOut() {
    follow(button("Sign out"));
    assertThat(path()).isEqualTo("/login");
    chromium.forgetCookies();
  }

  @Test
  @Order(1)
  void anOperatorChangesTheirOwnPassword() {
    signIn("olivia", Panel.PASSWORD);
    open("/account/security");
    follow(By.linkText("Change your password"));
    assertThat(path()).isEqualTo("/account/password");

    type("current", Panel.PASSWORD);
    type("password", CHOSEN);
    type("repeat", CHOSEN);
    follow(button("Change password"));

    assertThat(pageText()).contains("Your password was changed");
    signOut();
    signIn("olivia", CHOSEN);
    assertThat(path()).isEqualTo("/");
    signOut();
  }

  @Test
  @Order(2)
  void anAdministratorResetsAPasswordAndTheOperatorChoosesANewOneAtSignIn() {
    signIn("root", Panel.PASSWORD);
    open("/admin/operators/" + olivia.id());
    follow(By.linkText("Reset password…"));
    assertThat(pageText()).contains("signs them out everywhere");
    follow(button("Reset password"));
    String temporary = driver.findElement(By.id("temporary-password")).getText();
    assertThat(temporary).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
    signOut();

    signIn("olivia", temporary);
    assertThat(path()).isEqualTo("/account/password");
    assertThat(pageText()).contains("Choose a new password");
    open("/admin/operators");
    assertThat(path()).isEqualTo("/account/password");

    type("password", CHOSEN_AFTER_RESET);
    type("repeat", CHOSEN_AFTER_RESET);
    follow(button("Set password and continue"));

    assertThat(path()).isEqualTo("/");
    assertThat(pageText()).contains("Your password was changed");
    signOut();
    signIn("olivia", CHOSEN_AFTER_RESET);
    assertThat(path()).isEqualTo("/");
  }
}
