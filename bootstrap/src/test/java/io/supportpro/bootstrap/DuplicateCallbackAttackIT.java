package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same Duo callback arrives twice at once, as when a proxy retries it: from the browser that
 * owns the sign-in, the duplicate must neither end the sign-in the first arrival is completing nor
 * take the browser's cookie away; from another browser, it is refused and leaves the owner alone.
 */
class DuplicateCallbackAttackIT {
  private static final int ROUNDS = 3;

  private final List<Panel> panels = new ArrayList<>();

  @AfterEach
  void stop() {
    DuoEmulators.shared().clearFaults();
    panels.reversed().forEach(Panel::close);
  }

  private Panel start(Store store) {
    Panel panel = Panel.start(store);
    panels.add(panel);
    return panel;
  }

  /** A browser on the panel holding the same cookies as {@code from}. */
  private static Browser sameCookies(Panel panel, Browser from) {
    Browser browser = panel.browser();
    from.cookies().forEach(browser::setCookie);
    return browser;
  }

  /** Password accepted, sent to Duo and approved there: the callback the browser brings back. */
  private static String approvedCallback(Browser browser, String username) {
    return DuoPrompt.pathAndQuery(
        DuoPrompt.answer(DuoPrompt.passwordToPrompt(browser, username), true));
  }

  /** Sends each browser's GET of the path at the same moment; the answers in the same order. */
  private static List<Response> atOnce(String path, Browser... browsers) throws Exception {
    var barrier = new CyclicBarrier(browsers.length);
    ExecutorService pool = Executors.newFixedThreadPool(browsers.length);
    try {
      var answers = new ArrayList<Future<Response>>();
      for (Browser browser : browsers) {
        answers.add(
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return browser.get(path);
                }));
      }
      var responses = new ArrayList<Response>();
      for (Future<Response> answer : answers) {
        responses.add(answer.get(30, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Both arrivals of the owner's callback: one signs in, neither is a refusal nor clears the
   * cookie, and the new session works.
   */
  private static void assertOneSignInAndNoRefusal(
      Panel panel, List<Response> answers, Browser home, int round) {
    String what = "round " + round + ": " + answers;
    assertThat(answers).as(what).allSatisfy(a -> assertThat(a.status()).isEqualTo(303));
    assertThat(answers)
        .as(what)
        .allSatisfy(
            a -> assertThat(a.location()).hasValueSatisfying(l -> assertThat(l).isEqualTo("/")));
    assertThat(answers)
        .as(what + ": cookies cleared")
        .noneSatisfy(
            a ->
                assertThat(a.setCookie(SESSION_COOKIE))
                    .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0")));
    List<String> newCookies =
        answers.stream().flatMap(a -> a.setCookie(SESSION_COOKIE).stream()).toList();
    assertThat(newCookies).as(what + ": new session cookies").hasSize(1);
    String token = newCookies.getFirst().replaceFirst("^[^=]+=([^;]*).*$", "$1");
    home.setCookie(SESSION_COOKIE, token);
    assertThat(home.get("/").status()).as(what + ": the home page").isEqualTo(200);
    assertThat(
            panel.count(
                "select count(*) from audit_event where event_type = 'SECOND_FACTOR_FAILED'"))
        .as(what + ": refusals audited")
        .isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void theOwnersDuplicateCallback_doesNotEndTheSignInTheFirstIsCompleting(Store store)
      throws Exception {
    Panel panel = start(store);
    DuoSetup.enable(panel, "closed", panel.operator("alice", "operator"));
    DuoEmulators.shared().allow("alice");

    for (int round = 1; round <= ROUNDS; round++) {
      Browser owner = panel.browser();
      String callback = approvedCallback(owner, "alice");

      List<Response> answers =
          atOnce(callback, sameCookies(panel, owner), sameCookies(panel, owner));

      assertOneSignInAndNoRefusal(panel, answers, panel.browser(), round);
      assertThat(
              panel.count(
                  "select count(*) from audit_event where event_type = 'SIGN_IN_SUCCEEDED'"))
          .isEqualTo(round);
    }
  }

  @Test
  void theOwnersDuplicateCallback_onTwoInstancesOfOneDatabase() throws Exception {
    Panel a = start(Store.POSTGRESQL);
    Panel b = a.another();
    panels.add(b);
    DuoSetup.enable(a, "closed", a.operator("alice", "operator"));
    DuoEmulators.shared().allow("alice");

    for (int round = 1; round <= ROUNDS; round++) {
      Browser owner = a.browser();
      String callback = approvedCallback(owner, "alice");

      List<Response> answers = atOnce(callback, sameCookies(a, owner), sameCookies(b, owner));

      assertOneSignInAndNoRefusal(a, answers, b.browser(), round);
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aDuplicateFromAnotherBrowser_isRefusedAndLeavesTheOwnerSignedIn(Store store)
      throws Exception {
    Panel panel = start(store);
    DuoSetup.enable(
        panel,
        "closed",
        panel.operator("alice", "operator"),
        panel.operator("mallory", "operator"));
    DuoEmulators.shared().allow("alice");
    DuoEmulators.shared().allow("mallory");
    Browser owner = panel.browser();
    String callback = approvedCallback(owner, "alice");
    Browser other = panel.browser();
    approvedCallback(other, "mallory");

    Response first = owner.get(callback);
    Response duplicate = other.get(callback);

    assertThat(first.status()).isEqualTo(303);
    assertThat(owner.get("/").status()).isEqualTo(200);
    assertThat(duplicate.status()).isEqualTo(403);
    assertThat(duplicate.text()).contains("You are not signed in");
    assertThat(other.get("/").status()).isEqualTo(303);
    assertThat(owner.get("/").status()).as("the owner after the duplicate").isEqualTo(200);
    assertThat(
            panel.count("select count(*) from audit_event where event_type = 'SIGN_IN_SUCCEEDED'"))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aDuplicateFromAnotherBrowserAtTheSameMoment_neverSignsThatBrowserIn(Store store)
      throws Exception {
    Panel panel = start(store);
    DuoSetup.enable(
        panel,
        "closed",
        panel.operator("alice", "operator"),
        panel.operator("mallory", "operator"));
    DuoEmulators.shared().allow("alice");
    DuoEmulators.shared().allow("mallory");
    Browser owner = panel.browser();
    String callback = approvedCallback(owner, "alice");
    Browser other = panel.browser();
    approvedCallback(other, "mallory");

    List<Response> answers = atOnce(callback, owner, other);

    assertThat(answers.get(1).status()).isEqualTo(403);
    assertThat(other.get("/").status()).isEqualTo(303);
    if (answers
        .getFirst()
        .setCookie(SESSION_COOKIE)
        .filter(c -> !c.contains("Max-Age=0"))
        .isPresent()) {
      // The owner's arrival took the state first: the other browser's cannot touch its sign-in.
      assertThat(owner.get("/").status()).isEqualTo(200);
    }
    assertThat(
            panel.count("select count(*) from audit_event where event_type = 'SIGN_IN_SUCCEEDED'"))
        .isLessThanOrEqualTo(1);
  }
}
