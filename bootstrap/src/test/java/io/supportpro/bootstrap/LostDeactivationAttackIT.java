package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.application.port.in.OperatorChangeResult;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One administrator deactivates an operator while others save edits of the same operator's profile,
 * all released at once over HTTP. An edit that wrote back the active flag it had read before the
 * deactivation would leave the operator able to sign in, with the deactivation in the audit log:
 * after every round the operator must be inactive, signed out and refused.
 */
class LostDeactivationAttackIT {
  private static final int ROUNDS = 30;

  private Panel panel;

  @AfterEach
  void stop() {
    if (panel != null) {
      panel.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aDeactivationRacingOneEdit_isNeverLost(Store store) {
    race(store, 1);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aDeactivationRacingThreeEdits_isNeverLost(Store store) {
    race(store, 3);
  }

  private void race(Store store, int editors) {
    panel = Panel.start(store);
    Operator bob = panel.operator("bob", "operator");
    String page = "/admin/operators/" + bob.id();
    Browser deactivator = administrator("root");
    List<Browser> editing = new ArrayList<>();
    for (int i = 0; i < editors; i++) {
      editing.add(administrator("editor" + i));
    }
    ExecutorService threads = Executors.newFixedThreadPool(editors + 1);
    List<String> lost = new ArrayList<>();
    List<Long> deactivations = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        if (round > 0) {
          assertThat(
                  panel
                      .services()
                      .changeOperator()
                      .reactivate(new OperatorCommand(Actor.system("test"), bob.id())))
              .isInstanceOf(OperatorChangeResult.Changed.class);
        }
        Browser bobsBrowser = panel.browser();
        assertThat(signIn(bobsBrowser, "bob", Panel.PASSWORD).location()).hasValue("/");

        String deactivateCsrf = Html.csrf(deactivator.get(page).body());
        List<Map<String, String>> edits = new ArrayList<>();
        for (int i = 0; i < editors; i++) {
          edits.add(
              Map.of(
                  "csrf",
                  Html.csrf(editing.get(i).get(page).body()),
                  "email",
                  "bob@example.com",
                  "displayName",
                  "Bob " + round + "." + i,
                  "role",
                  "operator"));
        }
        var barrier = new CyclicBarrier(editors + 1);
        List<Future<Response>> answers = new ArrayList<>();
        answers.add(
            threads.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return deactivator.post(page + "/deactivate", Map.of("csrf", deactivateCsrf));
                }));
        for (int i = 0; i < editors; i++) {
          Browser editor = editing.get(i);
          Map<String, String> edit = edits.get(i);
          answers.add(
              threads.submit(
                  () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return editor.post(page, edit);
                  }));
        }
        for (Future<Response> answer : answers) {
          assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(303);
        }

        // Every round is checked, so that a failure tells how often the deactivation was lost.
        boolean active =
            panel.count("select count(*) from operator where username = 'bob' and active") > 0;
        boolean stillSignedIn = bobsBrowser.get("/").status() == 200;
        boolean signsIn = signIn(panel.browser(), "bob", Panel.PASSWORD).status() != 403;
        if (active || stillSignedIn || signsIn) {
          lost.add(
              "round "
                  + round
                  + ": active="
                  + active
                  + ", session="
                  + stillSignedIn
                  + ", sign-in="
                  + signsIn);
        }
        deactivations.add(
            panel.count(
                "select count(*) from audit_event where event_type = 'OPERATOR_DEACTIVATED'"
                    + " and subject = ?",
                bob.id().toString()));
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      threads.shutdownNow();
    }
    assertThat(lost).as("rounds of %d that lost the deactivation", ROUNDS).isEmpty();
    // The audit log agrees: one deactivation per round, and no edit claims to have changed the
    // flag.
    assertThat(deactivations).isEqualTo(LongStream.rangeClosed(1, ROUNDS).boxed().toList());
    assertThat(
            panel.count(
                "select count(*) from audit_event where event_type = 'OPERATOR_UPDATED'"
                    + " and details like '%active%'"))
        .isZero();
  }

  /** A browser signed in as a new administrator. */
  private Browser administrator(String username) {
    panel.operator(username, "administrator");
    Browser browser = panel.browser();
    assertThat(signIn(browser, username, Panel.PASSWORD).location()).hasValue("/");
    return browser;
  }
}
