package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
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

  /**
   * A fresh browser on the panel that asks for pages in this language, in a window this wide, its
   * screenshots named {@code journey-…} in the folder of the language and the width.
   */
  static BrowserSteps start(URI panel, String journey, String language, int width) {
    return new BrowserSteps(Chromium.start(language, width), panel, journey);
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

  /** The submit button of the form that posts to this address, in any language. */
  static By submitOf(String action) {
    return By.cssSelector("form[action='" + action + "'] [type=submit]");
  }

  /** The link to this address, in any language. */
  static By linkTo(String address) {
    return By.cssSelector("a[href='" + address + "']");
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
    String elsewhere = page.getPort() == panel.getPort() ? "" : "elsewhere";
    shot((elsewhere + path).replaceAll("[^A-Za-z0-9]+", "-").replaceFirst("^-", ""));
  }

  /** Keeps this page as a screenshot under this name, after the journey's when it has one. */
  void shot(String name) {
    chromium.screenshot(journey.isEmpty() ? name : journey + "-" + name);
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

  /** The language the page says it is written in ({@code <html lang>}). */
  String pageLanguage() {
    return driver.findElement(By.tagName("html")).getAttribute("lang");
  }

  /** The WCAG 2.2 AA violations axe-core finds on this page, one line each. */
  List<String> accessibilityViolations() {
    return AxeCheck.violations(driver);
  }

  /** The violations of axe-core's colour rules on this page, one line each. */
  List<String> colourViolations() {
    return AxeCheck.colourViolations(driver);
  }

  /** Signs in with the sign-in page's form. */
  void signIn(String username, String password) {
    open("/login");
    type("login", username);
    type("password", password);
    follow(submitOf("/login"));
  }

  /** Signs out with the button in the top bar, and forgets the cookies as a new browser would. */
  void signOut() {
    follow(submitOf("/logout"));
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
