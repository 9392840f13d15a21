package io.supportpro.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its ChromeDriver, isolated from the network and from
 * any earlier profile, asking for pages in one language at one window width, keeping a screenshot
 * of every page a test asks for.
 */
final class Chromium implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path screenshots;
  private int shots;

  private Chromium(ChromeDriver driver, Path screenshots) {
    this.driver = driver;
    this.screenshots = screenshots;
  }

  /** Starts a fresh headless browser, English and 1280 pixels wide, as the journeys use. */
  static Chromium start() {
    return start("en", 1280, SCREENSHOTS);
  }

  /**
   * Starts a fresh headless browser that asks for pages in this language ({@code Accept-Language})
   * in a window this many pixels wide, keeping its screenshots under {@code
   * target/screenshots/<language>-<width>}.
   */
  static Chromium start(String language, int width) {
    return start(language, width, SCREENSHOTS.resolve(language + "-" + width));
  }

  private static Chromium start(String language, int width, Path screenshots) {
    try {
      var options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-quic",
          "--window-size=" + width + ",900",
          "--lang=" + language,
          "--accept-lang=" + language,
          "--user-data-dir=" + Files.createTempDirectory("chromium"));
      var logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      // The network events, to tell which pages the browser went through on its way.
      logs.enable(LogType.PERFORMANCE, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
      var service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File("/usr/bin/chromedriver"))
              .usingAnyFreePort()
              .build();
      var driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      Files.createDirectories(screenshots);
      var chromium = new Chromium(driver, screenshots);
      chromium.width(width);
      return chromium;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lays pages out this many pixels wide, as a phone or a desktop window would. */
  void width(int width) {
    // A window is never narrower than 500 pixels, a phone's page is: the page itself is sized.
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  WebDriver driver() {
    return driver;
  }

  /** Saves a screenshot of the current page as {@code NN-name.png} in this browser's folder. */
  void screenshot(String name) {
    try {
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(),
          screenshots.resolve("%02d-%s.png".formatted(++shots, name)),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The console messages of warning level or worse since the last call, CSP violations included.
   */
  List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /**
   * The pages the browser asked for since the last call, redirects included, each as its method and
   * address ({@code GET http://127.0.0.1:8080/}).
   */
  List<String> documentRequests() {
    var json = new Json();
    List<String> requests = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
      Map<String, Object> event = json.toType(entry.getMessage(), Json.MAP_TYPE);
      if (event.get("message") instanceof Map<?, ?> message
          && "Network.requestWillBeSent".equals(message.get("method"))
          && message.get("params") instanceof Map<?, ?> params
          && "Document".equals(params.get("type"))
          && params.get("request") instanceof Map<?, ?> request) {
        requests.add(request.get("method") + " " + request.get("url"));
      }
    }
    return requests;
  }

  /**
   * Renders the pages from now on as for a person who chose a dark or a light colour scheme ({@code
   * prefers-color-scheme}).
   */
  void prefersDark(boolean dark) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of(
            "features",
            List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
  }

  /** Forgets the browser's cookies, as a new browser would have none. */
  void forgetCookies() {
    driver.manage().deleteAllCookies();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
