package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.passSecondFactor;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.adapter.out.duo.emulator.Fault;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole application over HTTP on a real H2 and a real PostgreSQL, with the real Duo SDK talking
 * to the local Duo emulator: the journeys of the sign-in, 2FA, plugin and Duo pages.
 */
class FullStackIT {
  private Panel panel;

  @AfterEach
  void stop() {
    DuoEmulators.shared().clearFaults();
    if (panel != null) {
      panel.close();
    }
  }

  private Panel start(Store store) {
    panel = Panel.start(store);
    return panel;
  }

  private static String code(String secret, int stepsAhead) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(Instant.now()) + stepsAhead);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void unknownUserAndWrongPassword_getTheSameAnswer(Store store) {
    start(store).operator("alice", "operator");

    Response wrong = signIn(panel.browser(), "alice", "Not-the-password-1");
    Response unknown = signIn(panel.browser(), "nobody", "Not-the-password-1");

    assertThat(wrong.status()).isEqualTo(401).isEqualTo(unknown.status());
    assertThat(Html.text(wrong.body())).isEqualTo(Html.text(unknown.body()));
    assertThat(panel.count("select count(*) from audit_event where event_type = 'SIGN_IN_FAILED'"))
        .isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void repeatedFailures_areThrottledAndAudited(Store store) {
    start(store).operator("alice", "operator");

    Response last = null;
    for (int i = 0; i < 6; i++) {
      last = signIn(panel.browser(), "alice", "Not-the-password-" + i);
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isPresent();
    assertThat(signIn(panel.browser(), "alice", Panel.PASSWORD).status()).isEqualTo(429);
    assertThat(
            panel.count("select count(*) from audit_event where event_type = 'SIGN_IN_THROTTLED'"))
        .isPositive();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void signIn_renewsTheSessionAndSignOutEndsItServerSide(Store store) {
    start(store).operator("alice", "operator");
    Browser browser = panel.browser();
    browser.get("/login");
    browser.setCookie(SESSION_COOKIE, "a".repeat(43));

    assertThat(signIn(browser, "alice", Panel.PASSWORD).status()).isEqualTo(303);
    String session = browser.cookie(SESSION_COOKIE).orElseThrow();
    assertThat(session).isNotEqualTo("a".repeat(43));
    assertThat(browser.get("/").status()).isEqualTo(200);

    signOut(browser, "/");
    browser.setCookie(SESSION_COOKIE, session);

    assertThat(browser.get("/").status()).isEqualTo(303);
    assertThat(panel.count("select count(*) from operator_session")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aFormWithoutItsCsrfToken_isRefusedAndChangesNothing(Store store) {
    start(store).operator("root", "administrator");
    Browser browser = panel.browser();
    signIn(browser, "root", Panel.PASSWORD);

    Response refused = browser.post("/admin/settings", Map.of("requireTwoFactor", "true"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(panel.services().forceTwoFactor().required()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void totp_enrolThenSignInWithACodeAndWithARecoveryCodeOnce(Store store) {
    start(store).operator("alice", "operator");
    Browser browser = panel.browser();
    signIn(browser, "alice", Panel.PASSWORD);
    submit(browser, "/account/security/totp", "/account/security/totp/begin", Map.of());
    String secret = Html.totpSecret(browser.get("/account/security/totp").body()).replace(" ", "");
    Response codesPage =
        submit(
            browser,
            "/account/security/totp",
            "/account/security/totp",
            Map.of("code", code(secret, 0)));
    List<String> recoveryCodes = Html.recoveryCodes(codesPage.body());
    assertThat(recoveryCodes).hasSize(10);
    signOut(browser, "/");

    assertThat(signIn(browser, "alice", Panel.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).startsWith("/login/second-factor"));
    // The code of the enrolment's time step is used up; the next step's is still accepted.
    assertThat(passSecondFactor(browser, code(secret, 1)).status()).isEqualTo(303);
    assertThat(browser.get("/").status()).isEqualTo(200);
    signOut(browser, "/");

    signIn(browser, "alice", Panel.PASSWORD);
    assertThat(passSecondFactor(browser, recoveryCodes.getFirst()).status()).isEqualTo(303);
    signOut(browser, "/");
    signIn(browser, "alice", Panel.PASSWORD);
    assertThat(passSecondFactor(browser, recoveryCodes.getFirst()).status()).isEqualTo(401);
    assertThat(panel.count("select count(*) from recovery_code")).isEqualTo(9);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void deactivatingAnOperator_endsTheirSessionAndRefusesTheirSignIn(Store store) {
    Operator alice = start(store).operator("alice", "operator");
    Browser browser = panel.browser();
    signIn(browser, "alice", Panel.PASSWORD);

    panel
        .services()
        .changeOperator()
        .deactivate(new OperatorCommand(Actor.system("test"), alice.id()));

    assertThat(browser.get("/").status()).isEqualTo(303);
    assertThat(signIn(panel.browser(), "alice", Panel.PASSWORD).status()).isEqualTo(403);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void duo_approveSignsInAndDenyRefuses(Store store) {
    Operator alice = start(store).operator("alice", "operator");
    Operator bob = panel.operator("bob", "operator");
    DuoSetup.enable(panel, "closed", alice, bob);
    DuoEmulators.shared().allow("alice");
    DuoEmulators.shared().deny("bob");

    Browser approving = panel.browser();
    URI callback = DuoPrompt.answer(DuoPrompt.passwordToPrompt(approving, "alice"), true);
    Response signedIn = approving.get(DuoPrompt.pathAndQuery(callback));
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
    assertThat(approving.get("/").status()).isEqualTo(200);

    Browser denied = panel.browser();
    Response refused =
        denied.get(
            DuoPrompt.pathAndQuery(
                DuoPrompt.answer(DuoPrompt.passwordToPrompt(denied, "bob"), true)));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("Duo denied this sign-in.");
    assertThat(denied.get("/").status()).isEqualTo(303);
    assertThat(panel.count("select count(*) from pending_sign_in")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void duo_aReplayedCallbackIsRefused(Store store) {
    Operator alice = start(store).operator("alice", "operator");
    DuoSetup.enable(panel, "closed", alice);
    Browser browser = panel.browser();
    URI callback = DuoPrompt.answer(DuoPrompt.passwordToPrompt(browser, "alice"), true);
    assertThat(browser.get(DuoPrompt.pathAndQuery(callback)).status()).isEqualTo(303);

    Browser replaying = panel.browser();
    Response replayed = replaying.get(DuoPrompt.pathAndQuery(callback));

    assertThat(replayed.status()).isEqualTo(403);
    assertThat(replaying.get("/").status()).isEqualTo(303);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void duo_failModeClosedRefusesAndOpenLetsInWhileDuoIsDown(Store store) {
    Operator alice = start(store).operator("alice", "operator");
    DuoSetup.enable(panel, "closed", alice);
    DuoEmulators.shared().inject(Fault.DOWN);

    Browser closed = panel.browser();
    Response refused = signIn(closed, "alice", Panel.PASSWORD);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(closed.get("/").status()).isEqualTo(303);

    panel
        .services()
        .pluginSettings()
        .save(
            new io.supportpro.application.port.in.SavePluginSettingsCommand(
                Actor.system("test"), DuoSecurityPlugin.ID, DuoSetup.settings("open")));
    Browser open = panel.browser();
    Response allowed = signIn(open, "alice", Panel.PASSWORD);
    assertThat(allowed.status()).isEqualTo(303);
    assertThat(allowed.location()).hasValueSatisfying(l -> assertThat(l).startsWith("/"));
    assertThat(open.get("/").status()).isEqualTo(200);
    assertThat(
            panel.count(
                "select count(*) from audit_event where event_type = 'SECOND_FACTOR_SKIPPED_FAIL_OPEN'"))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void duoReplacesTotp_andTotpAppliesAgainOnceDuoIsOff(Store store) {
    Operator alice = start(store).operator("alice", "operator");
    Browser browser = panel.browser();
    signIn(browser, "alice", Panel.PASSWORD);
    submit(browser, "/account/security/totp", "/account/security/totp/begin", Map.of());
    String secret = Html.totpSecret(browser.get("/account/security/totp").body()).replace(" ", "");
    submit(
        browser,
        "/account/security/totp",
        "/account/security/totp",
        Map.of("code", code(secret, 0)));
    signOut(browser, "/");
    DuoSetup.enable(panel, "closed", alice);

    DuoPrompt.passwordToPrompt(browser, "alice");
    signOut(browser, PluginSteps.PROMPT_STEP);

    panel
        .services()
        .plugins()
        .deactivate(new PluginCommand(Actor.system("test"), DuoSecurityPlugin.ID));
    assertThat(signIn(browser, "alice", Panel.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).startsWith("/login/second-factor"));
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void uninstall_leavesNoRowOfThePluginInAnyTable(Store store) {
    Operator alice = start(store).operator("alice", "operator");
    DuoSetup.enable(panel, "closed", alice);
    DuoPrompt.passwordToPrompt(panel.browser(), "alice");
    String plugin = DuoSecurityPlugin.ID.value();
    assertThat(panel.count("select count(*) from plugin_setting where plugin_id = ?", plugin))
        .isPositive();
    assertThat(panel.count("select count(*) from pending_sign_in where plugin_id = ?", plugin))
        .isOne();

    panel
        .services()
        .plugins()
        .deactivate(new PluginCommand(Actor.system("test"), DuoSecurityPlugin.ID));
    panel
        .services()
        .plugins()
        .uninstall(new PluginCommand(Actor.system("test"), DuoSecurityPlugin.ID));

    for (String table :
        List.of("installed_plugin", "plugin_setting", "plugin_operator_value", "pending_sign_in")) {
      assertThat(panel.count("select count(*) from " + table + " where plugin_id = ?", plugin))
          .as(table)
          .isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aNonAdministrator_getsA403OnAdministrationPagesAndTheRefusalIsAudited(Store store) {
    start(store).operator("alice", "operator");
    Browser browser = panel.browser();
    signIn(browser, "alice", Panel.PASSWORD);

    for (String page : List.of("/admin/operators", "/admin/audit", "/admin/plugins")) {
      assertThat(browser.get(page).status()).as(page).isEqualTo(403);
    }
    assertThat(panel.count("select count(*) from audit_event where event_type = 'ACCESS_DENIED'"))
        .isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aSessionAwaitingItsSecondFactor_reachesNothingElse_andAWrongCodeIsRefused(Store store) {
    start(store).operator("root", "administrator");
    Browser browser = panel.browser();
    signIn(browser, "root", Panel.PASSWORD);
    submit(browser, "/account/security/totp", "/account/security/totp/begin", Map.of());
    String secret = Html.totpSecret(browser.get("/account/security/totp").body()).replace(" ", "");
    submit(
        browser,
        "/account/security/totp",
        "/account/security/totp",
        Map.of("code", code(secret, 0)));
    signOut(browser, "/");
    signIn(browser, "root", Panel.PASSWORD);

    Response admin = browser.get("/admin/operators");
    List<String> valid = List.of(code(secret, -1), code(secret, 0), code(secret, 1));
    String wrongCode =
        Stream.of("000000", "111111", "222222").filter(c -> !valid.contains(c)).findFirst().get();
    Response wrong = passSecondFactor(browser, wrongCode);

    assertThat(admin.status()).isEqualTo(303);
    assertThat(admin.location())
        .hasValueSatisfying(l -> assertThat(l).startsWith("/login/second-factor"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(
            panel.count(
                "select count(*) from audit_event where event_type = 'SECOND_FACTOR_FAILED'"))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void anOffSiteNext_isReplacedByTheHomePage(Store store) {
    start(store).operator("alice", "operator");

    for (String next : List.of("//evil.example", "https://evil.example", "/\\evil.example")) {
      Response signedIn =
          signIn(
              panel.browser(),
              "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8),
              "alice",
              Panel.PASSWORD);
      assertThat(signedIn.status()).as(next).isEqualTo(303);
      assertThat(signedIn.location()).as(next).hasValue("/");
    }
  }
}
