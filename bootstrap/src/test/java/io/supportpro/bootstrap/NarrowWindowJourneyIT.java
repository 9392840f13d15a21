package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.bootstrap.example.ExampleCodePlugin;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * In Chromium as narrow as a phone, the pages with data tables fit the window (the plugins page and
 * a plugin's operators page among them), their tables stacked into rows with every action in view
 * and large enough to touch; as wide as a desktop, the same tables keep their columns; and a system
 * that prefers dark gets the dark palette.
 */
class NarrowWindowJourneyIT {
  private static final String OPERATORS = PluginSteps.operatorsPage(ExampleCodePlugin.ID.value());

  /** The pages whose tables have a form or button in every row. */
  private static final List<String> WITH_ACTIONS =
      List.of("/admin/plugins", OPERATORS, "/admin/throttles", "/account/sessions");

  private static final List<String> PAGES =
      Stream.concat(WITH_ACTIONS.stream(), Stream.of("/admin/operators", "/admin/audit")).toList();
  private static final int MINIMUM_TARGET = 24;

  @AutoClose private static Panel panel;
  @AutoClose private static BrowserSteps browser;

  @BeforeAll
  static void start() {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
    panel.operator("agent-with-a-rather-long-username", "operator");
    panel.operator("agent02", "operator");
    // A failed attempt for the throttling page, another session for the sessions page.
    signIn(panel.browser(), "agent02", "not the password");
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
    browser = BrowserSteps.start(panel.base(), "narrow-window");
    browser.signIn("root", Panel.PASSWORD);
  }

  @AfterEach
  void endOfJourney() {
    assertThat(browser.chromium().consoleProblems()).as("console").isEmpty();
  }

  @Test
  void fromPhoneWidthsUpTo640Pixels_nothingScrollsSideways_andEveryActionIsInViewAndTouchable() {
    for (int width : List.of(320, 390, 640)) {
      resize(width);
      for (String page : PAGES) {
        browser.open(page, width + "px" + page.replaceAll("[^A-Za-z0-9]+", "-"));
        String where = page + " at " + width + " px";

        int viewport = number("return window.innerWidth");
        assertThat(number("return document.documentElement.scrollWidth"))
            .as(where + ": page width")
            .isLessThanOrEqualTo(viewport);
        assertThat(cellTops(firstRow()))
            .as(where + ": one row's cells stacked")
            .isSorted()
            .doesNotHaveDuplicates();
        List<WebElement> actions = actions();
        if (WITH_ACTIONS.contains(page)) {
          assertThat(actions).as(where + ": actions").isNotEmpty();
        }
        for (WebElement action : actions) {
          var box = action.getRect();
          String what = where + ": " + action.getAccessibleName();
          assertThat(action.isDisplayed()).as(what + " shown").isTrue();
          assertThat(box.getX()).as(what + " left edge").isGreaterThanOrEqualTo(0);
          assertThat(box.getX() + box.getWidth())
              .as(what + " right edge")
              .isLessThanOrEqualTo(viewport);
          assertThat(box.getWidth()).as(what + " width").isGreaterThanOrEqualTo(MINIMUM_TARGET);
          assertThat(box.getHeight()).as(what + " height").isGreaterThanOrEqualTo(MINIMUM_TARGET);
        }
        if (width >= 390) {
          WebElement navigation = browser.driver().findElement(By.className("mainnav"));
          WebElement link = navigation.findElement(By.tagName("a"));
          assertThat(navigation.getRect().getHeight())
              .as(where + ": the navigation in two rows at most")
              .isLessThanOrEqualTo(2 * link.getRect().getHeight());
        }
        WebElement brand = browser.driver().findElement(By.className("brand"));
        assertThat(brand.getRect().getHeight())
            .as(where + ": the brand on one line")
            .isLessThan(2 * lineHeight(brand));
      }
    }
  }

  @Test
  void atDesktopWidth_theTablesKeepTheirHeaderRowAndColumns() {
    resize(1280);
    for (String page : PAGES) {
      browser.open(page, "1280px" + page.replaceAll("[^A-Za-z0-9]+", "-"));

      WebElement table = browser.driver().findElement(By.cssSelector("table.table"));
      assertThat(cssOf(table, "display")).as(page).isEqualTo("table");
      assertThat(table.findElement(By.tagName("thead")).isDisplayed()).as(page).isTrue();
      for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
        List<Integer> tops = cellTops(row);
        assertThat(tops).as(page + ": one row's cells side by side").containsOnly(tops.getFirst());
      }
    }
  }

  @Test
  void whenTheSystemPrefersDark_thePanelIsDark() {
    resize(390);
    try {
      ((ChromeDriver) browser.driver())
          .executeCdpCommand(
              "Emulation.setEmulatedMedia",
              Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      browser.open(OPERATORS, "390px-dark" + OPERATORS.replaceAll("[^A-Za-z0-9]+", "-"));

      assertThat(cssOf(browser.driver().findElement(By.tagName("body")), "background-color"))
          .isEqualTo("rgba(18, 23, 30, 1)");
      assertThat(cssOf(browser.driver().findElement(By.id("q")), "color-scheme"))
          .isEqualTo("light dark");
    } finally {
      ((ChromeDriver) browser.driver())
          .executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }
  }

  private static void resize(int width) {
    browser.chromium().width(width);
  }

  private static List<WebElement> actions() {
    return browser
        .driver()
        .findElements(By.cssSelector("table button, table a.button, table input[type=checkbox]"));
  }

  private static WebElement firstRow() {
    return browser.driver().findElement(By.cssSelector("table.table tbody tr"));
  }

  private static List<Integer> cellTops(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(cell -> cell.getRect().getY()).toList();
  }

  private static String cssOf(WebElement element, String property) {
    return element.getCssValue(property);
  }

  private static int lineHeight(WebElement element) {
    return (int) Math.round(Double.parseDouble(cssOf(element, "line-height").replace("px", "")));
  }

  private static int number(String script) {
    return ((Number) ((JavascriptExecutor) browser.driver()).executeScript(script)).intValue();
  }
}
