package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator signed in from two browsers, each a real headless Chromium against the whole
 * application on H2, sees both sessions and signs the other one out.
 */
class SessionsJourneyIT {
  private Panel panel;
  private Chromium laptop;
  private Chromium phone;

  @BeforeEach
  void start() {
    panel = Panel.start(Store.H2);
    panel.operator("olivia", "operator");
    laptop = Chromium.start();
    phone = Chromium.start();
  }

  @AfterEach
  void stop() {
    for (AutoCloseable open : new AutoCloseable[] {laptop, phone, panel}) {
      try {
        if (open != null) {
          open.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private void open(Chromium browser, String path, String shot) {
    browser.driver().get(panel.base().resolve(path).toString());
    browser.screenshot(shot);
  }

  private static void press(Chromium browser, By button, String shot) {
    WebDriver driver = browser.driver();
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(button).click();
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
    browser.screenshot(shot);
  }

  private void signIn(Chromium browser, String shot) {
    open(browser, "/login", shot + "-login");
    browser.driver().findElement(By.id("login")).sendKeys("olivia");
    browser.driver().findElement(By.id("password")).sendKeys(Panel.PASSWORD);
    press(browser, By.xpath("//button[normalize-space(text())='Sign in']"), shot + "-home");
  }

  private static List<WebElement> rows(Chromium browser) {
    return browser.driver().findElements(By.cssSelector("main table tbody tr"));
  }

  private static String path(Chromium browser) {
    return URI.create(browser.driver().getCurrentUrl()).getPath();
  }

  @Test
  void signedInFromTwoBrowsers_seesBothAndSignsTheOtherOut() {
    signIn(laptop, "sessions-laptop");
    signIn(phone, "sessions-phone");

    open(laptop, "/", "sessions-laptop-home-again");
    laptop.driver().findElement(By.linkText("Sessions")).click();
    laptop.screenshot("sessions-laptop-list");
    assertThat(path(laptop)).isEqualTo("/account/sessions");
    List<WebElement> listed = rows(laptop);
    assertThat(listed).hasSize(2);
    assertThat(listed).allSatisfy(row -> assertThat(row.getText()).contains("Chrome", "Linux"));
    assertThat(listed)
        .filteredOn(row -> row.getText().contains("This session"))
        .singleElement()
        .satisfies(
            row -> assertThat(row.findElements(By.tagName("button"))).as("no sign-out").isEmpty());

    press(
        laptop,
        By.xpath("//main//table//button[normalize-space(text())='Sign out']"),
        "sessions-laptop-other-signed-out");

    assertThat(laptop.driver().findElement(By.tagName("body")).getText())
        .contains("The session was signed out.");
    assertThat(rows(laptop))
        .singleElement()
        .satisfies(r -> assertThat(r.getText()).contains("This session"));
    open(phone, "/account/security", "sessions-phone-signed-out");
    assertThat(path(phone)).isEqualTo("/login");
    open(laptop, "/account/security", "sessions-laptop-still-signed-in");
    assertThat(path(laptop)).isEqualTo("/account/security");
    assertThat(laptop.consoleProblems()).as("laptop console").isEmpty();
    assertThat(phone.consoleProblems()).as("phone console").isEmpty();
  }
}
