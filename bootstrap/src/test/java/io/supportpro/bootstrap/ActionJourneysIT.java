package io.supportpro.bootstrap;

import static io.supportpro.bootstrap.BrowserSteps.submitOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.adapter.out.duo.emulator.Fault;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The panel's actions in a real Chromium against the whole application on H2, in English and in
 * German, each in a wide window and in a phone-narrow one. Each journey finds its controls by id,
 * name, form action or address, never by words, and proves what happened by the page's structure,
 * the address it ends on, or the database. Any console message but a refused page's status fails
 * it.
 */
@ParameterizedClass(name = "{0} at {1} px")
@CsvSource({"en, 1280", "de, 1280", "en, 390", "de, 390"})
class ActionJourneysIT {
  @Parameter(0)
  String language;

  @Parameter(1)
  int width;

  private static Panel panel;
  private static BrowserSteps browser;
  private static WebDriver driver;
  private static Operator dora;

  @BeforeParameterizedClassInvocation
  static void start(String language, int width) {
    panel = Panel.start(Store.H2);
    panel.operator("root", "administrator");
    dora = panel.operator("dora", "operator");
    DuoSetup.enable(panel, "closed", dora);
    browser = BrowserSteps.start(panel.base(), "actions", language, width);
    driver = browser.driver();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    browser.close();
    panel.close();
  }

  @AfterEach
  void endOfJourney() {
    DuoEmulators.shared().clearFaults();
    browser.chromium().forgetCookies();
    assertThat(browser.chromium().consoleProblems())
        .as("console messages other than a refused page's status")
        .allSatisfy(
            message -> assertThat(message).contains("the server responded with a status of"));
  }

  private static String code(String secret, int stepsAhead) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(Instant.now()) + stepsAhead);
  }

  private static void signIn(String username) {
    browser.signIn(username, Panel.PASSWORD);
  }

  private long events(String type) {
    return panel.count("select count(*) from audit_event where event_type = ?", type);
  }

  /** Signs in, sets up an authenticator app on the account page, and returns its secret. */
  private String enrolledOnTheAccountPage(String username) {
    panel.operator(username, "operator");
    signIn(username);
    browser.open("/account/security");
    browser.follow(submitOf("/account/security/totp/begin"));
    String secret = driver.findElement(By.cssSelector(".secret")).getText().replace(" ", "");
    browser.type("code", code(secret, 0));
    browser.follow(By.cssSelector("form[action='/account/security/totp'] [type=submit]"));
    assertThat(driver.findElements(By.cssSelector(".recovery-codes li"))).hasSize(10);
    return secret;
  }

  private long recoveryCodes(String username) {
    return panel.count(
        "select count(*) from recovery_code r join operator o on o.id = r.operator_id"
            + " where o.username = ?",
        username);
  }

  @Test
  void anAdministratorCreatesEditsAndDeactivatesAnOperator() {
    String username = "new-" + language;
    signIn("root");
    browser.open("/admin/operators");
    browser.follow(By.cssSelector("a[href='/admin/operators/new']"));
    browser.type("username", username);
    browser.type("email", username + "@example.com");
    browser.type("displayName", "Nina Neu");
    new Select(driver.findElement(By.id("role"))).selectByValue("operator");
    browser.type("password", "Violet-meadow-lanterns-58");
    browser.follow(submitOf("/admin/operators"));
    assertThat(panel.count("select count(*) from operator where username = ? and active", username))
        .isOne();

    browser.open("/admin/operators?q=" + username);
    browser.follow(By.xpath("//table//a[normalize-space()='" + username + "']"));
    String edit = browser.path();
    browser.type("displayName", "Nina Neumann");
    new Select(driver.findElement(By.id("role"))).selectByValue("administrator");
    browser.follow(submitOf(edit));
    assertThat(
            panel.count(
                "select count(*) from operator where username = ? and display_name = ?"
                    + " and role = 'ADMINISTRATOR'",
                username,
                "Nina Neumann"))
        .isOne();

    browser.follow(By.cssSelector("a[href='" + edit + "/deactivate']"));
    browser.follow(submitOf(edit + "/deactivate"));
    assertThat(browser.path()).isEqualTo(edit);
    assertThat(panel.count("select count(*) from operator where username = ? and active", username))
        .isZero();
    assertThat(driver.findElements(By.cssSelector("form[action='" + edit + "/reactivate']")))
        .hasSize(1);
  }

  @Test
  void anAdministratorResetsAnOperatorsTwoFactor() {
    String username = "reset-" + language;
    Operator operator = panel.operator(username, "operator");
    panel.execute(
        "insert into totp_enrolment (operator_id, encrypted_secret, confirmed, created_at)"
            + " values (?, 'v1:unused', true, current_timestamp)",
        operator.id().value());
    String edit = "/admin/operators/" + operator.id();
    signIn("root");
    browser.open(edit);
    browser.follow(By.cssSelector("a[href='" + edit + "/reset-2fa']"));
    browser.follow(submitOf(edit + "/reset-2fa"));
    assertThat(browser.path()).isEqualTo(edit);
    assertThat(
            panel.count(
                "select count(*) from totp_enrolment where operator_id = ?", operator.id().value()))
        .isZero();
    assertThat(events("TWO_FACTOR_RESET")).isOne();
  }

  @Test
  void underForce2faAnOperatorWithoutAnAppEnrolsAtSignIn() {
    String username = "forced-" + language;
    panel.operator(username, "operator");
    signIn("root");
    browser.open("/admin/settings");
    driver.findElement(By.id("requireTwoFactor")).click();
    browser.follow(submitOf("/admin/settings"));
    assertThat(panel.services().forceTwoFactor().required()).isTrue();
    browser.signOut();

    try {
      signIn(username);
      assertThat(browser.path()).isEqualTo("/login/enrol");
      browser.follow(submitOf("/login/enrol/begin"));
      String secret = driver.findElement(By.cssSelector(".secret")).getText().replace(" ", "");
      browser.type("code", code(secret, 0));
      browser.follow(By.cssSelector("form[action='/login/enrol'] [type=submit]"));
      assertThat(driver.findElements(By.cssSelector(".recovery-codes li"))).hasSize(10);
      browser.follow(By.cssSelector("a.button-primary"));
      assertThat(browser.path()).isEqualTo("/");
      assertThat(recoveryCodes(username)).isEqualTo(10);
      browser.signOut();
    } finally {
      panel.services().forceTwoFactor().require(Actor.system("test"), false);
    }
  }

  @Test
  void anOperatorGetsNewRecoveryCodes() {
    String username = "codes-" + language;
    String secret = enrolledOnTheAccountPage(username);
    List<String> first =
        driver.findElements(By.cssSelector(".recovery-codes li")).stream()
            .map(WebElement::getText)
            .toList();
    browser.open("/account/security");
    browser.type("regenerate-code", code(secret, 1));
    browser.follow(submitOf("/account/security/recovery-codes"));

    List<String> second =
        driver.findElements(By.cssSelector(".recovery-codes li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);
    assertThat(recoveryCodes(username)).isEqualTo(10);
    assertThat(events("RECOVERY_CODES_REGENERATED")).isOne();
  }

  @Test
  void anOperatorTurnsTheAuthenticatorAppOff() {
    String username = "off-" + language;
    String secret = enrolledOnTheAccountPage(username);
    browser.open("/account/security");
    browser.type("disable-code", code(secret, 1));
    browser.follow(submitOf("/account/security/totp/disable"));

    assertThat(browser.path()).isEqualTo("/account/security");
    assertThat(driver.findElements(By.cssSelector("form[action='/account/security/totp/begin']")))
        .hasSize(1);
    assertThat(
            panel.count(
                "select count(*) from totp_enrolment t join operator o on o.id = t.operator_id"
                    + " where o.username = ?",
                username))
        .isZero();
    assertThat(recoveryCodes(username)).isZero();
  }

  @Test
  void anAdministratorFiltersTheAuditLogByType_andIsToldOfAnUnknownOperator() {
    signIn("root");
    browser.open("/admin/audit");
    new Select(driver.findElement(By.id("type"))).selectByValue("SIGN_IN_SUCCEEDED");
    browser.follow(submitOf("/admin/audit"));

    assertThat(browser.address().getQuery()).contains("type=SIGN_IN_SUCCEEDED");
    assertThat(driver.findElements(By.cssSelector("table.audit tbody tr")))
        .hasSize((int) events("SIGN_IN_SUCCEEDED"));

    browser.type("operator", "nobody-by-this-name");
    browser.follow(submitOf("/admin/audit"));
    assertThat(browser.address().getQuery()).contains("operator=nobody-by-this-name");
    assertThat(driver.findElements(By.cssSelector("table.audit tbody tr"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("[aria-invalid=true]")))
        .extracting(field -> field.getAttribute("id"))
        .containsExactly("operator");
  }

  @Test
  void anAdministratorClearsASignInThrottle() {
    String stranger = "stranger-" + language;
    browser.signIn(stranger, "not the password");
    long throttles = panel.count("select count(*) from failed_attempt");
    assertThat(panel.count("select count(*) from failed_attempt where key_value = ?", stranger))
        .isOne();

    signIn("root");
    browser.open("/admin/throttles");
    By clear =
        By.xpath(
            "//form[@action='/admin/throttles/clear'][input[@name='value' and @value='"
                + stranger
                + "']]//button");
    browser.follow(clear);

    assertThat(browser.path()).isEqualTo("/admin/throttles");
    assertThat(driver.findElements(clear)).isEmpty();
    assertThat(panel.count("select count(*) from failed_attempt where key_value = ?", stranger))
        .isZero();
    assertThat(panel.count("select count(*) from failed_attempt")).isLessThan(throttles + 1);
    assertThat(events("SIGN_IN_THROTTLE_CLEARED")).isPositive();
  }

  @Test
  void aFailedConnectionTestIsShownAndAudited() {
    String settings = "/admin/plugins/" + DuoSetup.ID + "/settings";
    long tested = events("PLUGIN_CONNECTION_TESTED");
    signIn("root");
    browser.open(settings);
    DuoEmulators.shared().inject(Fault.STAT_FAIL);
    browser.follow(By.cssSelector("form[action='" + settings + "'] button[value=test]"));

    assertThat(browser.path()).isEqualTo(settings);
    assertThat(driver.findElements(By.cssSelector(".alert.alert-error"))).hasSize(1);
    assertThat(driver.findElements(By.cssSelector(".alert.alert-ok"))).isEmpty();
    assertThat(events("PLUGIN_CONNECTION_TESTED")).isEqualTo(tested + 1);
  }

  @Test
  void withDuoUnreachable_failClosedRefusesAndFailOpenLetsInWithANotice() {
    long signedIn = events("SIGN_IN_SUCCEEDED");
    DuoEmulators.shared().inject(Fault.DOWN);
    signIn("dora");
    browser.open("/");
    assertThat(browser.path()).isEqualTo("/login");
    assertThat(events("SIGN_IN_SUCCEEDED")).isEqualTo(signedIn);
    browser.chromium().forgetCookies();

    try {
      failMode("open");
      signIn("dora");
      assertThat(browser.path()).isEqualTo("/");
      assertThat(driver.findElements(By.cssSelector(".notice[role=status]"))).hasSize(1);
      assertThat(events("SECOND_FACTOR_SKIPPED_FAIL_OPEN")).isOne();
      browser.signOut();
    } finally {
      failMode("closed");
    }
  }

  private static void failMode(String mode) {
    assertThat(
            panel
                .services()
                .pluginSettings()
                .save(
                    new SavePluginSettingsCommand(
                        Actor.system("test"), DuoSecurityPlugin.ID, DuoSetup.settings(mode))))
        .isInstanceOf(SavePluginSettingsResult.Saved.class);
  }

  @Test
  void afterARefusedForm_theErrorSummaryHasFocusAndLinksToItsFields() {
    signIn("root");
    for (String form : List.of("/admin/operators/new", "/account/password")) {
      browser.open(form);
      browser.follow(By.cssSelector("main form[method=post] [type=submit]"));
      WebElement summary = driver.findElement(By.id("error-summary"));
      assertThat(driver.switchTo().activeElement()).as(form).isEqualTo(summary);
      List<WebElement> links = summary.findElements(By.cssSelector("a[href^='#']"));
      assertThat(links).as(form + ": links to the fields").isNotEmpty();
      for (WebElement link : links) {
        String field = link.getAttribute("href").replaceFirst(".*#", "");
        assertThat(driver.findElements(By.id(field))).as(form + " #" + field).hasSize(1);
      }
    }
  }
}
