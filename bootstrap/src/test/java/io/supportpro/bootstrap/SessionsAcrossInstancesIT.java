package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.application.testing.AtOnce;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator's sessions on two instances of the panel on one PostgreSQL. */
class SessionsAcrossInstancesIT {
  private Panel a;
  private Panel b;

  @BeforeEach
  void start() {
    a = Panel.start(Store.POSTGRESQL);
    b = a.another();
    a.operator("alice", "operator");
  }

  @AfterEach
  void stop() {
    b.close();
    a.close();
  }

  private static Browser signedIn(Panel panel) {
    Browser browser = panel.browser();
    assertThat(signIn(browser, "alice", Panel.PASSWORD).status()).isEqualTo(303);
    return browser;
  }

  private static boolean signedOut(Browser browser) {
    return browser.get("/").status() == 303;
  }

  @Test
  void aSessionOnOneInstanceIsListedAndSignedOutFromTheOther() {
    Browser onA = signedIn(a);
    Browser onB = signedIn(b);

    String page = onB.get("/account/sessions").body();
    assertThat(Html.text(page)).contains("This session").contains("Sign out everywhere else");
    Response ended = onB.post("/account/sessions/end-others", Map.of("csrf", Html.csrf(page)));

    assertThat(ended.location()).contains("/account/sessions?notice=others-ended");
    assertThat(signedOut(onA)).isTrue();
    assertThat(signedOut(onB)).isFalse();
  }

  @Test
  void signingOutEverywhereElseFromTwoSessionsAtOnce_leavesExactlyOneOfThem() throws Exception {
    for (int round = 0; round < 5; round++) {
      Browser onA = signedIn(a);
      Browser onB = signedIn(b);
      Browser third = signedIn(a);
      String csrfA = Html.csrf(onA.get("/account/sessions").body());
      String csrfB = Html.csrf(onB.get("/account/sessions").body());

      List<Response> answers =
          AtOnce.run(
              List.of(
                  () -> onA.post("/account/sessions/end-others", Map.of("csrf", csrfA)),
                  () -> onB.post("/account/sessions/end-others", Map.of("csrf", csrfB))));

      // The loser is sent to sign in again: by the guard when its session was already gone on
      // arrival, by the page when it went while the request was under way.
      assertThat(answers)
          .extracting(answer -> answer.location().orElse(""))
          .satisfiesExactlyInAnyOrder(
              location -> assertThat(location).isEqualTo("/account/sessions?notice=others-ended"),
              location -> assertThat(location).isIn("/login", "/login?notice=ended"));
      boolean aWon = answers.get(0).location().orElse("").contains("others-ended");
      assertThat(signedOut(onA)).isEqualTo(!aWon);
      assertThat(signedOut(onB)).isEqualTo(aWon);
      assertThat(signedOut(third)).isTrue();
      assertThat(a.count("SELECT COUNT(*) FROM operator_session")).isEqualTo(1);
      a.execute("DELETE FROM operator_session");
    }
  }
}
