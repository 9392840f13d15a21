package io.supportpro.bootstrap;

import static io.supportpro.bootstrap.BrowserSteps.button;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.domain.operator.Operator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The password journeys in a real headless Chromium against the whole application on H2: an
 * operator's own change, and an administrator's reset followed by the operator's forced choice. Any
 * console error or Content-Security-Policy violation fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordJourneysIT {
  private static final String CHOSEN = "Quiet-harbour-lights-31";
  private static final String CHOSEN_AFTER_RESET = "Amber-kestrel-rivers-64";

  @AutoClose private static Panel panel;
  @AutoClose private static BrowserSteps browser;
  private static Operator olivia;

  @BeforeAll
  static void start() {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
    olivia = panel.operator("olivia", "operator");
    browser = BrowserSteps.start(panel.base(), "password");
  }

  @AfterEach
  void endOfJourney() {
    browser.endJourney();
  }

  @Test
  @Order(1)
  void anOperatorChangesTheirOwnPassword() {
    browser.signIn("olivia", Panel.PASSWORD);
    browser.open("/account/security");
    browser.follow(By.linkText("Change your password"));
    assertThat(browser.path()).isEqualTo("/account/password");

    browser.type("current", Panel.PASSWORD);
    browser.type("password", CHOSEN);
    browser.type("repeat", CHOSEN);
    browser.follow(button("Change password"));

    assertThat(browser.pageText()).contains("Your password was changed");
    browser.signOut();
    browser.signIn("olivia", CHOSEN);
    assertThat(browser.path()).isEqualTo("/");
    browser.signOut();
  }

  @Test
  @Order(2)
  void anAdministratorResetsAPasswordAndTheOperatorChoosesANewOneAtSignIn() {
    browser.signIn("root", Panel.PASSWORD);
    browser.open("/admin/operators/" + olivia.id());
    browser.follow(By.linkText("Reset password…"));
    assertThat(browser.pageText()).contains("signs them out everywhere");
    browser.follow(button("Reset password"));
    String temporary = browser.driver().findElement(By.id("temporary-password")).getText();
    assertThat(temporary).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
    browser.signOut();

    browser.signIn("olivia", temporary);
    assertThat(browser.path()).isEqualTo("/account/password");
    assertThat(browser.pageText()).contains("Choose a new password");
    browser.open("/admin/operators");
    assertThat(browser.path()).isEqualTo("/account/password");

    browser.type("password", CHOSEN_AFTER_RESET);
    browser.type("repeat", CHOSEN_AFTER_RESET);
    browser.follow(button("Set password and continue"));

    assertThat(browser.path()).isEqualTo("/");
    assertThat(browser.pageText()).contains("Your password was changed");
    browser.signOut();
    browser.signIn("olivia", CHOSEN_AFTER_RESET);
    assertThat(browser.path()).isEqualTo("/");
  }
}
