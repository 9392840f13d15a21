package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The steps a journey takes through the panel in a Chromium of its own, keeping a screenshot of
 * every page it reaches under the journey's name.
 */
final class BrowserSteps implements AutoCloseable {
  private final Chromium chromium;
  private final WebDriver driver;
  private final URI panel;
  private final String journey;

  private BrowserSteps(Chromium chromium, URI panel, String journey) {
    this.chromium = chromium;
    this.driver = chromium.driver();
    this.panel = panel;
    this.journey = journey;
  }

  /** A fresh browser on the panel at {@code panel}, its screenshots named {@code journey-…}. */
  static BrowserSteps start(URI panel, String journey) {
    return new BrowserSteps(Chromium.start(), panel, journey);
  }

  /** The browser itself, for what a journey reads from it beyond the page: logs, cookies. */
  Chromium chromium() {
    return chromium;
  }

  WebDriver driver() {
    return driver;
  }

  /** The button with this text. */
  static By button(String text) {
    return By.xpath("//button[normalize-space(text())='" + text + "']");
  }

  /** Opens a page of the panel, or any absolute address, and keeps it as a screenshot. */
  void open(String address) {
    driver.get(panel.resolve(address).toString());
    shot();
  }

  /** Opens a page of the panel and keeps it as a screenshot under this name. */
  void open(String address, String shot) {
    driver.get(panel.resolve(address).toString());
    shot(shot);
  }

  /** Clicks a button or link that leads to another page, and keeps that page as a screenshot. */
  void follow(By control) {
    awaitNextPage(() -> driver.findElement(control).click());
    shot();
  }

  /** Clicks a button or link that leads to another page, and keeps it under this name. */
  void follow(By control, String shot) {
    awaitNextPage(() -> driver.findElement(control).click());
    shot(shot);
  }

  /** Does what leaves this page, such as a click or a key, and waits until another replaced it. */
  void awaitNextPage(Runnable action) {
    WebElement page = driver.findElement(By.tagName("html"));
    action.run();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(
            d -> {
              try {
                page.isEnabled();
                return false;
              } catch (WebDriverException replaced) {
                // Stale, or (while the old page is torn down) no longer in any document.
                return true;
              }
            });
  }

  /** Keeps this page as a screenshot named after its address, marked when not the panel's. */
  void shot() {
    URI page = address();
    String path = "/".equals(page.getPath()) ? "/home" : page.getPath();
    String elsewhere = page.getPort() == panel.getPort() ? "" : "-elsewhere";
    chromium.screenshot(journey + elsewhere + path.replaceAll("[^A-Za-z0-9]+", "-"));
  }

  private void shot(String name) {
    chromium.screenshot(journey + "-" + name);
  }

  /** Replaces what the field with this id holds by the text, typed key by key. */
  void type(String field, String text) {
    driver.findElement(By.id(field)).clear();
    driver.findElement(By.id(field)).sendKeys(text);
  }

  URI address() {
    return URI.create(driver.getCurrentUrl());
  }

  String path() {
    return address().getPath();
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Signs in with the sign-in page's form. */
  void signIn(String username, String password) {
    open("/login");
    type("login", username);
    type("password", password);
    follow(button("Sign in"));
  }

  /** Signs out with the button in the top bar, and forgets the cookies as a new browser would. */
  void signOut() {
    follow(button("Sign out"));
    assertThat(path()).isEqualTo("/login");
    chromium.forgetCookies();
  }

  /**
   * Ends a journey: forgets the cookies, so that the next one starts signed out, and fails on any
   * console warning or error since the last look, Content-Security-Policy violations included.
   */
  void endJourney() {
    chromium.forgetCookies();
    assertThat(chromium.consoleProblems()).as(journey + " console").isEmpty();
  }

  @Override
  public void close() {
    chromium.close();
  }
}
