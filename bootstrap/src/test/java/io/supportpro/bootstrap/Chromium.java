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
 * any earlier profile, keeping a screenshot of every page a test asks for.
 */
final class Chromium implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private int shots;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts a fresh headless browser. */
  static Chromium start() {
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
          "--window-size=1280,900",
          "--user-data-dir=" + Files.createTempDirectory("chromium"));
      var logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      // The network events, to tell which pages the browser went through on its way.
      logs.enable(LogType.PERFORMANCE, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      var service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File("/usr/bin/chromedriver"))
              .usingAnyFreePort()
              .build();
      var driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      Files.createDirectories(SCREENSHOTS);
      return new Chromium(driver);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebDriver driver() {
    return driver;
  }

  /** Saves a screenshot of the current page as {@code target/screenshots/NN-name.png}. */
  void screenshot(String name) {
    try {
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(),
          SCREENSHOTS.resolve("%02d-%s.png".formatted(++shots, name)),
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

  /** Forgets the browser's cookies, as a new browser would have none. */
  void forgetCookies() {
    driver.manage().deleteAllCookies();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
