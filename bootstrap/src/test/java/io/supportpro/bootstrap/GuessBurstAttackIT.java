package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.domain.operator.Operator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Password guesses sent all at once, over HTTP, on H2 and PostgreSQL: however many arrive together
 * and however the account is spelled, no more passwords are checked than the allowance of five, and
 * the right password does not get in once the guesses around it have locked the account.
 */
class GuessBurstAttackIT {
  private static final String WRONG = "Not-the-password-";
  private static final List<Integer> REFUSALS = List.of(401, 429, 503);
  private static final List<Integer> REFUSALS_OR_IN = List.of(303, 401, 429, 503);

  private Panel panel;

  @AfterEach
  void stop() {
    if (panel != null) {
      panel.close();
    }
  }

  /** Wrong passwords checked for the operator: each costs one hash and one audited failure. */
  private long passwordsChecked(Operator operator) {
    return panel.count(
        "select count(*) from audit_event where event_type = 'SIGN_IN_FAILED' and subject = ?",
        operator.id().toString());
  }

  private long sessionsBegun() {
    return panel.count(
        "select count(*) from audit_event"
            + " where event_type in ('SIGN_IN_SUCCEEDED', 'PASSWORD_ACCEPTED')");
  }

  private static List<Callable<Response>> wrongGuesses(
      SignInForm form, int count, List<String> spellings) {
    return IntStream.range(0, count)
        .<Callable<Response>>mapToObj(
            i -> () -> form.send(spellings.get(i % spellings.size()), WRONG + i))
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aBurstOfWrongGuessesChecksAtMostFivePasswords(Store store) throws Exception {
    panel = Panel.start(store);
    Operator alice = panel.operator("alice", "operator");
    SignInForm form = SignInForm.open(panel);

    List<Response> answers =
        SignInForm.burst(
            wrongGuesses(form, 50, List.of("alice", "ALICE", "alice@example.com", "Alice")), 60);

    assertThat(answers).extracting(Response::status).allMatch(REFUSALS::contains);
    assertThat(passwordsChecked(alice)).isBetween(1L, 5L);
    assertThat(answers).filteredOn(answer -> answer.status() == 401).hasSizeLessThanOrEqualTo(5);
  }

  /**
   * The right password among the guesses of a burst may get in only if it was checked within the
   * allowance, before the account locked: never after five failures. Each burst comes from its own
   * address, so that only the account's allowance is at stake.
   */
  @ParameterizedTest
  @EnumSource(Store.class)
  void theRightPasswordInABurstNeverGetsInAfterTheAccountLocked(Store store) throws Exception {
    panel = Panel.behindProxies(store, List.of(InetAddress.getByName("127.0.0.1")));
    SignInForm form = SignInForm.open(panel);
    for (int burst = 0; burst < 4; burst++) {
      Operator target = panel.operator("target" + burst, "operator");
      String login = target.username().value();
      Optional<String> from = Optional.of("198.51.100." + (burst + 1));
      List<Callable<Response>> requests = new ArrayList<>();
      for (int i = 0; i < 49; i++) {
        String guess = WRONG + i;
        requests.add(() -> form.send(login, guess, from));
      }
      requests.add(25, () -> form.send(login, Panel.PASSWORD, from));

      List<Response> answers = SignInForm.burst(requests, 60);

      Response right = answers.get(25);
      assertThat(answers).extracting(Response::status).allMatch(REFUSALS_OR_IN::contains);
      if (right.status() == 303) {
        assertThat(failuresBeforeTheSession(target)).as("failures checked before it").isLessThan(5);
      } else {
        assertThat(right.status()).isIn(429, 503);
        assertThat(passwordsChecked(target)).isBetween(1L, 5L);
      }
    }
  }

  /** Wrong passwords for the operator audited before the session that the right one began. */
  private long failuresBeforeTheSession(Operator operator) {
    return panel.count(
        "select count(*) from audit_event where event_type = 'SIGN_IN_FAILED' and subject = ?"
            + " and position < (select min(position) from audit_event where subject = ?"
            + " and event_type in ('SIGN_IN_SUCCEEDED', 'PASSWORD_ACCEPTED'))",
        operator.id().toString(),
        operator.id().toString());
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void theUsernameTheEmailAddressAndAnyCaseShareOneBudget(Store store) {
    panel = Panel.start(store);
    Operator alice = panel.operator("alice", "operator");
    Browser browser = panel.browser();
    List<String> spellings =
        List.of("alice", "alice@example.com", "ALICE", "Alice@Example.COM", "ALICE@EXAMPLE.COM");
    for (int i = 0; i < spellings.size(); i++) {
      assertThat(signIn(browser, spellings.get(i), WRONG + i).status()).isEqualTo(401);
    }

    for (String spelling : List.of("alice", "alice@example.com", "ALICE")) {
      Response right = signIn(browser, spelling, Panel.PASSWORD);
      assertThat(right.status()).as(spelling).isEqualTo(429);
    }
    assertThat(signIn(browser, "Alice@example.com", WRONG + "again").status()).isEqualTo(429);
    assertThat(passwordsChecked(alice)).isEqualTo(5);
    assertThat(sessionsBegun()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void addressesInOneIpv6Slash64ShareOneBudget(Store store) throws Exception {
    panel = Panel.behindProxies(store, List.of(InetAddress.getByName("127.0.0.1")));
    panel.operator("alice", "operator");
    SignInForm form = SignInForm.open(panel);
    // Twenty names, so that no account's own allowance is reached: only the address's is.
    for (int i = 0; i < 20; i++) {
      String address = "2001:db8:1:2:" + Integer.toHexString(i + 1) + "::" + (i + 7);
      Response guess = form.send("nobody-" + i, WRONG + i, Optional.of(address));
      assertThat(guess.status()).as(address).isEqualTo(401);
    }

    Response sameNetwork =
        form.send("alice", Panel.PASSWORD, Optional.of("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    Response nextNetwork = form.send("alice", Panel.PASSWORD, Optional.of("2001:db8:1:3::1"));

    assertThat(sameNetwork.status()).isEqualTo(429);
    assertThat(nextNetwork.status()).isEqualTo(303);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aThousandConcurrentGuessesCheckAtMostFivePasswordsAndAreAnsweredPromptly(Store store)
      throws Exception {
    panel = Panel.start(store);
    Operator alice = panel.operator("alice", "operator");
    SignInForm form = SignInForm.open(panel);

    long started = System.nanoTime();
    List<Response> answers = SignInForm.burst(wrongGuesses(form, 1_000, List.of("alice")), 90);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

    assertThat(seconds).isLessThan(60);
    assertThat(answers).extracting(Response::status).allMatch(REFUSALS::contains);
    assertThat(answers)
        .filteredOn(answer -> answer.status() == 503)
        .allSatisfy(
            busy -> {
              assertThat(busy.header("Retry-After")).isPresent();
              assertThat(busy.text()).contains("Try again");
            });
    assertThat(passwordsChecked(alice)).isBetween(1L, 5L);
  }
}
