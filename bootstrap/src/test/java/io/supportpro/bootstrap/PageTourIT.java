package io.supportpro.bootstrap;

import static io.supportpro.bootstrap.BrowserSteps.submitOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.supportpro.adapter.out.duo.DuoSettings;
import io.supportpro.adapter.out.duo.emulator.Fault;
import io.supportpro.adapter.out.mail.SmtpSettings;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.bootstrap.example.ExampleCodePlugin;
import io.supportpro.bootstrap.example.ExamplePromptPlugin;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Every page of the panel in a real Chromium, in English and German, in a wide and a phone-narrow
 * window: each kept as a screenshot under {@code target/screenshots/<language>-<width>} and checked
 * by axe-core at WCAG 2.2 AA (in English and wide, its colours also in the dark colour scheme),
 * where any violation fails the tour, all of them listed.
 */
class PageTourIT {
  private static final Pattern LINK =
      Pattern.compile("http://\\S+/login/reset\\?token=[A-Za-z0-9_-]+");

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private final List<String> violations = new ArrayList<>();
  private Panel panel;
  private BrowserSteps browser;
  private WebDriver driver;
  private String language;
  private boolean darkToo;
  private String temporaryPassword;

  @AfterEach
  void stop() {
    DuoEmulators.shared().clearFaults();
    if (browser != null) {
      browser.close();
    }
    if (panel != null) {
      panel.close();
    }
  }

  @ParameterizedTest(name = "{0} at {1} px")
  @CsvSource({"en, 1280", "de, 1280", "en, 390", "de, 390"})
  void everyPageHasNoAccessibilityViolations(String language, int width) throws Exception {
    this.language = language;
    darkToo = language.equals("en") && width == 1280;
    panel =
        Panel.withMail(
            Store.H2,
            SmtpSettings.parse(
                "smtp://127.0.0.1:" + MAIL.getSmtp().getPort(), "SupportPro <panel@example.com>"));
    panel.operator("root", "administrator");
    Operator olivia = panel.operator("olivia", "operator");
    Operator tempo = panel.operator("tempo", "operator");
    panel.operator("ada", "operator");
    Operator dora = panel.operator("dora", "operator");
    setUpPlugins(dora);
    browser = BrowserSteps.start(panel.base(), "", language, width);
    driver = browser.driver();
    go("/login");
    assertThat(((JavascriptExecutor) driver).executeScript("return window.innerWidth"))
        .as("the page's width")
        .isEqualTo((long) width);

    signedOutPages();
    String secret = administratorPages(olivia, tempo);
    secondFactorAndRefusals(secret);
    promptStep();
    enrolmentUnderForce2fa();

    assertThat(violations)
        .as(
            "axe-core at WCAG 2.2 AA, %s at %d px:%n%s",
            language, width, String.join("\n", violations))
        .isEmpty();
  }

  /**
   * The example code plugin active and configured, the example prompt installed only, Duo set up
   * and enabled for the operator who confirms sign-ins with it.
   */
  private void setUpPlugins(Operator withDuo) {
    Actor system = Actor.system("test");
    var code = new PluginCommand(system, ExampleCodePlugin.ID);
    panel.services().plugins().install(code);
    panel.services().plugins().activate(code);
    panel
        .services()
        .pluginSettings()
        .save(
            new SavePluginSettingsCommand(
                system,
                ExampleCodePlugin.ID,
                Map.of(ExampleCodePlugin.SECRET, TotpSecret.random().base32())));
    panel.services().plugins().install(new PluginCommand(system, ExamplePromptPlugin.ID));
    DuoSetup.enable(panel, "closed", withDuo);
  }

  private void signedOutPages() throws Exception {
    go("/login");
    visit("sign-in");
    browser.type("login", "root");
    browser.type("password", "not the password");
    press(submitOf("/login"));
    assertThat(driver.findElements(By.cssSelector("[aria-invalid=true]"))).isNotEmpty();
    visit("sign-in-refused");

    go("/login/forgot");
    visit("forgot-password");
    press(submitOf("/login/forgot"));
    visit("forgot-password-empty");
    browser.type("login", "olivia");
    press(submitOf("/login/forgot"));
    assertThat(browser.path()).isEqualTo("/login");
    visit("forgot-password-sent");

    go(mailedLink());
    visit("reset-password");
    browser.type("password", "Silver-otter-harbour-27");
    browser.type("repeat", "Silver-otter-harbour-28");
    press(submitOf("/login/reset"));
    visit("reset-password-refused");
    go("/login/reset?token=unknown");
    visit("reset-password-unusable");
  }

  /** Visits every page an administrator reaches; returns the secret of their authenticator app. */
  private String administratorPages(Operator olivia, Operator tempo) {
    signIn("root");
    assertThat(browser.path()).isEqualTo("/");
    visit("home");

    go("/account/security");
    visit("account-security");
    press(submitOf("/account/security/totp/begin"));
    visit("authenticator-setup");
    String secret = driver.findElement(By.cssSelector(".secret")).getText().replace(" ", "");
    browser.type("code", "000000");
    press(By.cssSelector("form[action='/account/security/totp'] [type=submit]"));
    visit("authenticator-setup-refused");
    browser.type("code", code(secret, 0));
    press(By.cssSelector("form[action='/account/security/totp'] [type=submit]"));
    assertThat(driver.findElements(By.cssSelector(".recovery-codes li"))).hasSize(10);
    visit("recovery-codes");
    go("/account/security");
    visit("account-security-with-app");
    go("/account/password");
    visit("password-change");
    press(submitOf("/account/password"));
    visit("password-change-refused");
    go("/account/sessions");
    visit("sessions");
    go("/account/time-zone");
    visit("time-zone");
    go("/account/language");
    visit("language");

    go("/admin/operators");
    visit("operators");
    go("/admin/operators?q=oli");
    visit("operators-search");
    go("/admin/operators/new");
    visit("operator-new");
    press(submitOf("/admin/operators"));
    visit("operator-new-refused");
    go("/admin/operators/" + olivia.id());
    visit("operator-edit");
    go("/admin/operators/" + olivia.id() + "/deactivate");
    visit("operator-deactivate");
    go("/admin/operators/" + olivia.id() + "/reset-2fa");
    visit("operator-reset-2fa");
    go("/admin/operators/" + tempo.id() + "/reset-password");
    visit("operator-reset-password");
    press(submitOf("/admin/operators/" + tempo.id() + "/reset-password"));
    temporaryPassword = driver.findElement(By.id("temporary-password")).getText();
    visit("operator-temporary-password");

    go("/admin/plugins");
    visit("plugins");
    go("/admin/plugins/" + ExampleCodePlugin.ID.value() + "/settings");
    visit("plugin-settings-example-code");
    go("/admin/plugins/" + ExampleCodePlugin.ID.value() + "/operators");
    visit("plugin-operators-example-code");
    go("/admin/plugins/" + ExampleCodePlugin.ID.value() + "/operators/all?enabled=true");
    visit("plugin-operators-enable-all");
    go("/admin/plugins/" + ExampleCodePlugin.ID.value() + "/deactivate");
    visit("plugin-deactivate");
    go("/admin/plugins/" + ExamplePromptPlugin.ID.value() + "/uninstall");
    visit("plugin-uninstall");
    duoSettingsPages();

    go("/admin/settings");
    visit("settings");
    go("/admin/audit");
    visit("audit-log");
    go("/admin/audit?operator=root&type=SIGN_IN_FAILED");
    visit("audit-log-filtered");
    go("/admin/audit?from=yesterday");
    assertThat(driver.findElements(By.cssSelector("#from[aria-invalid=true]"))).hasSize(1);
    visit("audit-log-refused");
    go("/admin/throttles");
    assertThat(driver.findElements(By.cssSelector("form[action='/admin/throttles/clear']")))
        .isNotEmpty();
    visit("throttles");

    go("/no-such-page");
    visit("not-found");
    go("/admin/settings");
    ((JavascriptExecutor) driver)
        .executeScript("document.querySelector('input[name=csrf]').value = 'stale'");
    press(submitOf("/admin/settings"));
    visit("expired-form");
    browser.signOut();
    return secret;
  }

  private void duoSettingsPages() {
    String settings = "/admin/plugins/" + DuoSetup.ID + "/settings";
    go(settings);
    visit("plugin-settings-duo");
    DuoEmulators.shared().inject(Fault.DOWN);
    press(By.cssSelector("form[action='" + settings + "'] button[value=test]"));
    assertThat(driver.findElements(By.cssSelector(".alert-error"))).isNotEmpty();
    visit("plugin-settings-duo-test-failed");
    DuoEmulators.shared().clearFaults();
    go(settings);
    driver
        .findElement(
            By.cssSelector("input[name='setting-" + DuoSettings.FAIL_MODE + "'][value=open]"))
        .click();
    press(By.cssSelector("form[action='" + settings + "'] button[value=save]"));
    visit("plugin-settings-duo-confirm");
    go("/admin/plugins/" + DuoSetup.ID + "/operators");
    visit("plugin-operators-duo");
  }

  private void secondFactorAndRefusals(String secret) {
    signIn("root");
    assertThat(browser.path()).isEqualTo("/login/second-factor");
    visit("second-factor");
    browser.type("code", "000000");
    press(submitOf("/login/second-factor"));
    visit("second-factor-refused");
    browser.type("code", code(secret, 1));
    press(submitOf("/login/second-factor"));
    assertThat(browser.path()).isEqualTo("/");
    browser.signOut();

    go("/login");
    browser.type("login", "tempo");
    browser.type("password", temporaryPassword);
    press(submitOf("/login"));
    assertThat(browser.path()).isEqualTo("/account/password");
    visit("password-forced");
    browser.signOut();

    signIn("olivia");
    visit("home-operator");
    go("/admin/operators");
    visit("forbidden");
    browser.signOut();
  }

  /**
   * The page that sends an operator on to their plugin's prompt, which the password normally skips:
   * opened again while the sign-in waits for the prompt.
   */
  private void promptStep() {
    signIn("dora");
    assertThat(browser.path()).isNotEqualTo("/login");
    go("/login/prompt");
    assertThat(browser.path()).isEqualTo("/login/prompt");
    visit("prompt-step");
    // The sign-in is left waiting for the prompt; the next one starts afresh.
    driver.manage().deleteAllCookies();
  }

  private void enrolmentUnderForce2fa() {
    panel.services().forceTwoFactor().require(Actor.system("test"), true);
    signIn("ada");
    assertThat(browser.path()).isEqualTo("/login/enrol");
    visit("enrolment");
    press(submitOf("/login/enrol/begin"));
    visit("enrolment-code");
    browser.signOut();
  }

  private static String code(String secret, int stepsAhead) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(Instant.now()) + stepsAhead);
  }

  /** The reset link in the mails the server received (the others tell of new browsers). */
  private static String mailedLink() throws Exception {
    for (int wait = 0; wait < 150; wait++) {
      for (MimeMessage message : MAIL.getReceivedMessages()) {
        Matcher link = LINK.matcher(String.valueOf(message.getContent()));
        if (link.find()) {
          return link.group();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no reset link was mailed");
  }

  private void signIn(String username) {
    go("/login");
    browser.type("login", username);
    browser.type("password", Panel.PASSWORD);
    press(submitOf("/login"));
  }

  private void go(String address) {
    driver.get(panel.base().resolve(address).toString());
  }

  private void press(By control) {
    browser.awaitNextPage(() -> driver.findElement(control).click());
  }

  /**
   * Keeps the page as a screenshot, checks that it is in the browser's language, and adds what
   * axe-core finds on it; where the tour asks for it, looks at it again in the dark colour scheme,
   * where only the colours may differ.
   */
  private void visit(String page) {
    browser.shot(page);
    assertThat(browser.pageLanguage()).as(page + ": <html lang>").isEqualTo(language);
    // A key without a text in the page's language is rendered as ??key??.
    assertThat(driver.getPageSource()).as(page + ": every text found").doesNotContain("??");
    violations.addAll(browser.accessibilityViolations());
    if (darkToo) {
      browser.chromium().prefersDark(true);
      browser.shot(page + "-dark");
      browser.colourViolations().stream().map(v -> "dark " + v).forEach(violations::add);
      browser.chromium().prefersDark(false);
    }
  }
}
