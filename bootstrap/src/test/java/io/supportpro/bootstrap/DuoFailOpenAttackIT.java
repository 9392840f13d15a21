package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.adapter.out.duo.emulator.Fault;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.domain.audit.Actor;
import java.net.URI;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With the fail mode {@code open}, a browser that was sent to Duo comes back with its own state and
 * a code (a junk one, or the one Duo really issued) while Duo's token endpoint fails in every way
 * it can: nobody may be signed in. Fail-open applies only to a health check that finds Duo down
 * before the redirect, and never to an answer that says the request was wrong or rate-limited.
 */
class DuoFailOpenAttackIT {
  private static final List<Fault> EXCHANGE_FAULTS =
      List.of(Fault.HTTP_429, Fault.HTTP_500, Fault.HTTP_503, Fault.MALFORMED_JSON, Fault.SLOW);

  private Panel panel;

  @AfterEach
  void stop() {
    DuoEmulators.shared().clearFaults();
    if (panel != null) {
      panel.close();
    }
  }

  /**
   * The answer to alice's right password: the redirect to the emulator's prompt, the refusal of the
   * Duo step, or (failing open) the redirect into the panel.
   */
  private Response toDuo(Browser browser) {
    return signIn(browser, "alice", Panel.PASSWORD);
  }

  private long events(String type) {
    return panel.count("select count(*) from audit_event where event_type = ?", type);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aFailingTokenEndpointAfterTheRedirect_neverSignsAnyoneIn(Store store) {
    panel = Panel.start(store);
    DuoSetup.enable(panel, "open", panel.operator("alice", "operator"));
    var soft = new SoftAssertions();

    for (Fault fault : EXCHANGE_FAULTS) {
      for (boolean junk : List.of(true, false)) {
        DuoEmulators.shared().clearFaults();
        Browser browser = panel.browser();
        Response sent = toDuo(browser);
        assertThat(sent.status()).as(sent.body()).isEqualTo(303);
        URI back = DuoPrompt.answer(URI.create(sent.location().orElseThrow()), true);
        String callback = DuoPrompt.pathAndQuery(back);
        if (junk) {
          callback = callback.replaceFirst("duo_code=[^&]+", "duo_code=junk");
        }
        DuoEmulators.shared().inject(fault);

        Response answer = browser.get(callback);

        String what = fault + (junk ? " with duo_code=junk" : " with Duo's own code");
        soft.assertThat(answer.status()).as(what + ": status of the callback").isNotEqualTo(303);
        soft.assertThat(answer.text())
            .as(what + ": the page")
            .contains("You are not signed in")
            .contains("Sign in again");
        DuoEmulators.shared().clearFaults();
        soft.assertThat(browser.get("/").status()).as(what + ": the home page").isEqualTo(303);
      }
    }
    soft.assertThat(events("SECOND_FACTOR_SKIPPED_FAIL_OPEN")).as("fail-open skips").isZero();
    soft.assertThat(events("SIGN_IN_SUCCEEDED")).as("sign-ins").isZero();
    soft.assertThat(panel.count("select count(*) from operator_session"))
        .as("sessions left")
        .isZero();
    soft.assertAll();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aHealthCheckSayingTheRequestIsWrongOrRateLimited_isRefusedNotSkipped(Store store) {
    panel = Panel.start(store);
    DuoSetup.enable(panel, "open", panel.operator("alice", "operator"));
    var soft = new SoftAssertions();

    for (Fault fault : List.of(Fault.HTTP_429, Fault.HTTP_400)) {
      DuoEmulators.shared().clearFaults();
      DuoEmulators.shared().inject(fault);
      Browser browser = panel.browser();

      Response answer = toDuo(browser);

      soft.assertThat(answer.status()).as(fault + ": status").isNotEqualTo(303);
      soft.assertThat(answer.text()).as(fault + ": the page").contains("Sign in again");
      DuoEmulators.shared().clearFaults();
      soft.assertThat(browser.get("/").status()).as(fault + ": the home page").isEqualTo(303);
    }
    soft.assertThat(events("SECOND_FACTOR_SKIPPED_FAIL_OPEN")).as("fail-open skips").isZero();
    soft.assertThat(events("SIGN_IN_SUCCEEDED")).as("sign-ins").isZero();
    soft.assertAll();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aHealthCheckFindingDuoDown_stillFailsOpen(Store store) {
    panel = Panel.start(store);
    DuoSetup.enable(panel, "open", panel.operator("alice", "operator"));

    for (Fault fault : List.of(Fault.HTTP_503, Fault.HTTP_500, Fault.DOWN)) {
      DuoEmulators.shared().clearFaults();
      DuoEmulators.shared().inject(fault);
      Browser browser = panel.browser();

      Response answer = toDuo(browser);

      assertThat(answer.status()).as(fault + ": " + answer.body()).isEqualTo(303);
      assertThat(answer.location()).hasValueSatisfying(l -> assertThat(l).startsWith("/"));
      assertThat(browser.get("/").status()).as(fault + ": the home page").isEqualTo(200);
    }
    assertThat(events("SECOND_FACTOR_SKIPPED_FAIL_OPEN")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void theRefusalPage_namesTheRealReason(Store store) {
    panel = Panel.start(store);
    DuoSetup.enable(panel, "closed", panel.operator("alice", "operator"));
    var soft = new SoftAssertions();

    DuoEmulators.shared().inject(Fault.DOWN);
    Response down = toDuo(panel.browser());
    soft.assertThat(down.status()).as("Duo down: status").isEqualTo(503);
    soft.assertThat(down.text()).as("Duo down: the page").contains("Duo cannot be reached");

    DuoEmulators.shared().clearFaults();
    DuoEmulators.shared().inject(Fault.STAT_FAIL);
    Response rejected = toDuo(panel.browser());
    soft.assertThat(rejected.status()).as("credentials rejected: status").isEqualTo(403);
    soft.assertThat(rejected.text())
        .as("credentials rejected: the page")
        .contains("Duo rejected the panel's credentials")
        .contains("administrator")
        .doesNotContain("cannot be reached");

    DuoEmulators.shared().clearFaults();
    Browser browser = panel.browser();
    Response sent = toDuo(browser);
    URI back = DuoPrompt.answer(URI.create(sent.location().orElseThrow()), true);
    panel
        .services()
        .plugins()
        .deactivate(new PluginCommand(Actor.system("test"), DuoSecurityPlugin.ID));
    Response deactivated = browser.get(DuoPrompt.pathAndQuery(back));
    soft.assertThat(deactivated.status()).as("plugin deactivated: status").isEqualTo(403);
    soft.assertThat(deactivated.text())
        .as("plugin deactivated: the page")
        .contains("settings changed")
        .contains("Sign in again")
        .doesNotContain("cannot be reached");
    soft.assertAll();
  }
}
