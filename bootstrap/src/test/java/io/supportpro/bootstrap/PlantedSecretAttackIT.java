package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.beginAuthenticatorSetup;
import static io.supportpro.adapter.in.web.testing.PanelSteps.passSecondFactor;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Someone who knows an operator's password, but not a second factor the operator has yet to set up,
 * begins an authenticator set-up in their own browser and keeps its key, hoping that the operator
 * confirms that key later: on the account security page, or at the enrolment Force 2FA sends them
 * to. A pending key belongs to the session that began it, so the operator never sees nor confirms
 * it, and confirming their own key ends every other session of theirs.
 */
class PlantedSecretAttackIT {
  private static final String ACCOUNT_SETUP = "/account/security/totp";
  private static final String FORCED_SETUP = "/login/enrol";

  private Panel panel;

  @AfterEach
  void stop() {
    if (panel != null) {
      panel.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aKeyBegunByAnotherBrowser_isNeverShownNorConfirmedOnTheSecurityPage(Store store) {
    panel = Panel.start(store);
    panel.operator("alice", "operator");
    Browser attacker = panel.browser();
    Browser alice = panel.browser();
    signIn(attacker, "alice", Panel.PASSWORD);
    String planted = plant(attacker, ACCOUNT_SETUP);
    signIn(alice, "alice", Panel.PASSWORD);

    resistsThePlantedKey(alice, ACCOUNT_SETUP, planted);
    assertThat(attacker.get("/").status()).isEqualTo(303);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aKeyBegunByAnotherBrowser_isNeverShownNorConfirmedAtForcedEnrolment(Store store) {
    panel = Panel.start(store);
    panel.operator("alice", "operator");
    panel.services().forceTwoFactor().require(Actor.system("test"), true);
    Browser attacker = panel.browser();
    Browser alice = panel.browser();
    assertThat(signIn(attacker, "alice", Panel.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).startsWith(FORCED_SETUP));
    String planted = plant(attacker, FORCED_SETUP);
    signIn(alice, "alice", Panel.PASSWORD);

    resistsThePlantedKey(alice, FORCED_SETUP, planted);
    Response attackersPage = attacker.get(FORCED_SETUP);
    assertThat(attackersPage.status()).isEqualTo(303);
    assertThat(attackersPage.location())
        .hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
  }

  /** Begins a set-up in the attacker's browser and reads the key it shows. */
  private static String plant(Browser attacker, String setupPage) {
    beginAuthenticatorSetup(attacker, setupPage);
    return Html.totpSecret(attacker.get(setupPage).body()).replace(" ", "");
  }

  /**
   * The operator's set-up page does not show the planted key, a code of it is not accepted, the
   * operator's own key is another, and after confirming it the planted key opens nothing.
   */
  private void resistsThePlantedKey(Browser alice, String setupPage, String planted) {
    Response page = alice.get(setupPage);
    assertThat(page.status()).isEqualTo(200);
    assertThat(shownKey(page)).isNotEqualTo(Optional.of(planted));
    assertThat(page.body().replace(" ", "")).doesNotContain(planted);

    Response plantedCode =
        alice.post(
            setupPage,
            Map.of("csrf", Html.csrf(page.body()), "code", code(planted, 0), "next", "/"));
    assertThat(plantedCode.status()).isNotEqualTo(200);
    assertThat(Html.recoveryCodes(plantedCode.body())).isEmpty();

    beginAuthenticatorSetup(alice, setupPage);
    String own = shownKey(alice.get(setupPage)).orElseThrow();
    assertThat(own).isNotEqualTo(planted);
    Response confirmed = submit(alice, setupPage, setupPage, Map.of("code", code(own, 0)));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(Html.recoveryCodes(confirmed.body())).hasSize(10);
    assertThat(alice.get("/").status()).isEqualTo(200);

    Browser later = panel.browser();
    signIn(later, "alice", Panel.PASSWORD);
    assertThat(passSecondFactor(later, code(planted, 1)).status()).isEqualTo(401);
    assertThat(later.get("/").status()).isEqualTo(303);

    assertThat(
            panel.count(
                "select count(*) from audit_event where event_type = 'TOTP_ENROLMENT_BEGUN'"
                    + " and actor_name = 'alice' and client_address = '127.0.0.1'"))
        .isEqualTo(2);
    assertThat(
            panel.count(
                "select count(*) from audit_event where event_type = 'TOTP_ENROLMENT_BEGUN'"
                    + " and (details like ? or details like ?)",
                "%" + planted + "%",
                "%" + own + "%"))
        .isZero();
  }

  private static Optional<String> shownKey(Response page) {
    return Html.textOfClass(page.body(), "secret").map(shown -> shown.replace(" ", ""));
  }

  private static String code(String secret, int stepsAhead) {
    return Totp.code(TotpSecret.fromBase32(secret), Totp.step(Instant.now()) + stepsAhead);
  }
}
