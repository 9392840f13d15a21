package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.bootstrap.BrowserSteps.button;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.bootstrap.example.ExampleCodePlugin;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * In Chromium, an administrator filters a plugin's operators, enables it for two selected ones,
 * then for all that match after confirming the count, and comes back to the row of one disabled; no
 * console error or CSP violation on the way.
 */
class PluginOperatorsJourneyIT {
  private static final String OPERATORS = PluginSteps.operatorsPage(ExampleCodePlugin.ID.value());

  @AutoClose private static Panel panel;
  @AutoClose private static BrowserSteps browser;

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
    browser = BrowserSteps.start(panel.base(), "operators-journey");
  }

  @AfterEach
  void endOfJourney() {
    browser.endJourney();
  }

  private static void check(String username) {
    browser
        .driver()
        .findElement(By.xpath("//tr[td[normalize-space()='" + username + "']]//input"))
        .click();
  }

  private static String row(String username) {
    return browser
        .driver()
        .findElement(By.xpath("//tr[td[normalize-space()='" + username + "']]"))
        .getText();
  }

  @Test
  void
      anAdministratorFiltersSelectsAndEnablesTwo_thenAllThatMatchAfterConfirming_thenDisablesOne() {
    browser.signIn("root", Panel.PASSWORD);

    browser.open(OPERATORS);
    browser.type("q", "agent");
    new Select(browser.driver().findElement(By.id("role"))).selectByValue("operator");
    new Select(browser.driver().findElement(By.id("status"))).selectByValue("not-enabled");
    browser.follow(button("Search"), "filtered");
    assertThat(browser.pageText())
        .contains("6 operators match; Example code is enabled for 0 of them.");
    assertThat(browser.pageText()).doesNotContain("agent-lead");

    check("agent01");
    check("agent04");
    browser.follow(button("Enable selected"), "enabled-selected");
    assertThat(browser.pageText()).contains("Example code was enabled for 2 more operators.");
    assertThat(browser.address().getQuery())
        .contains("q=agent", "status=not-enabled", "role=operator");
    assertThat(browser.address().getFragment()).isEqualTo("operators");
    assertThat(browser.pageText()).contains("4 operators match").doesNotContain("agent01");

    browser.follow(By.linkText("Enable for all 4 matching operators"), "confirm-all");
    assertThat(browser.pageText())
        .contains("Enable Example code for all 4 matching operators?")
        .contains("Each of them will confirm every sign-in with Example code.");
    browser.follow(button("Enable for all 4 operators"), "enabled-all");
    assertThat(browser.pageText()).contains("Example code was enabled for 4 more operators.");
    assertThat(browser.pageText()).contains("No operators match.");

    browser.open(OPERATORS + "?q=agent");
    assertThat(row("agent03")).contains("Enabled");
    browser.follow(By.xpath("//tr[td[normalize-space()='agent03']]//button"), "disabled-one");
    assertThat(browser.address().getFragment()).startsWith("operator-");
    assertThat(row("agent03")).contains("Not enabled");
    assertThat(row("agent-lead")).contains("Not enabled", "Administrator");
  }
}
