package io.supportpro.bootstrap;

import static io.supportpro.bootstrap.BrowserSteps.button;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
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
 * In Chromium against the whole application on H2, an administrator deactivates Duo through the
 * page that counts who falls back to what, and resets an operator's two-factor authentication
 * through the page that says what it removes. Any console error or Content-Security-Policy
 * violation fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfirmationsJourneyIT {
  @AutoClose private static Panel panel;
  @AutoClose private static BrowserSteps browser;
  private static Operator ada;

  @BeforeAll
  static void start() {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
    Operator olivia = panel.operator("olivia", "operator");
    ada = panel.operator("ada", "operator");
    DuoSetup.enable(panel, "closed", olivia, ada);
    // Ada has an authenticator app with three unused recovery codes; no use case writes one
    // without a code from a phone.
    panel.execute(
        "insert into totp_enrolment (operator_id, encrypted_secret, confirmed, created_at)"
            + " values (?, 'v1:unused', true, current_timestamp)",
        ada.id().value());
    for (String code : new String[] {"a", "b", "c"}) {
      panel.execute(
          "insert into recovery_code (operator_id, code_hash) values (?, ?)",
          ada.id().value(),
          code.repeat(64));
    }
    browser = BrowserSteps.start(panel.base(), "confirm");
  }

  @AfterEach
  void endOfJourney() {
    browser.endJourney();
  }

  private static By link(String text) {
    return By.xpath("//a[starts-with(normalize-space(text()),'" + text + "')]");
  }

  private static void signInAsRoot() {
    browser.signIn("root", Panel.PASSWORD);
    assertThat(browser.path()).isEqualTo("/");
  }

  @Test
  @Order(1)
  void anAdministratorDeactivatesDuoAfterSeeingWhoFallsBackToWhat() {
    signInAsRoot();
    browser.open("/admin/plugins");
    String row = "//tr[@id='plugin-" + DuoSecurityPlugin.ID.value() + "']";
    assertThat(
            browser
                .driver()
                .findElements(By.xpath(row + "//form[contains(@action,'/deactivate')]")))
        .as("no one-click deactivation")
        .isEmpty();

    browser.follow(By.xpath(row + "//a[starts-with(normalize-space(text()),'Deactivate')]"));

    assertThat(browser.path())
        .isEqualTo("/admin/plugins/" + DuoSecurityPlugin.ID.value() + "/deactivate");
    assertThat(browser.pageText())
        .contains("Deactivate Duo Security?")
        .contains(
            "2 operators use Duo Security and will sign in with their authenticator app or"
                + " password only: 1 with their authenticator app, 1 with their password only.");
    browser.follow(button("Deactivate"));

    assertThat(browser.path()).isEqualTo("/admin/plugins");
    assertThat(browser.pageText()).contains("The plugin was deactivated;", "Installed, inactive");
  }

  @Test
  @Order(2)
  void anAdministratorResetsTwoFactorAfterSeeingWhatItRemoves() {
    signInAsRoot();
    browser.open("/admin/operators/" + ada.id());

    browser.follow(link("Reset 2FA"));

    assertThat(browser.pageText())
        .contains("Reset two-factor authentication of Test ada?")
        .contains("authenticator app and 3 unused recovery codes")
        .contains("they sign in with their password only");
    browser.follow(button("Reset 2FA"));

    assertThat(browser.path()).isEqualTo("/admin/operators/" + ada.id());
    assertThat(browser.pageText())
        .contains("Two-factor authentication was reset")
        .contains("Nothing to reset: this operator has no authenticator app");
    assertThat(
            panel.count(
                "select count(*) from totp_enrolment where operator_id = ?", ada.id().value()))
        .isZero();
  }
}
