package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.fixtures.SecondFactors;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every {@link SessionStore} must do. */
public abstract class SessionStoreContract {
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.250Z");

  private SessionStore sessions;
  private Operator alice;
  private Operator bob;

  /** A session store and the operator repository it shares its storage with. */
  public record Stores(SessionStore sessions, OperatorRepository operators) {}

  /** Empty stores over the same storage. */
  protected abstract Stores emptyStores();

  @BeforeEach
  void setUp() {
    Stores stores = emptyStores();
    sessions = stores.sessions();
    alice = operator("alice");
    bob = operator("bob");
    stores.operators().add(alice, new PasswordHash("$test$hash"));
    stores.operators().add(bob, new PasswordHash("$test$hash"));
  }

  private static Session session(Operator operator, SecondFactor factor, Instant at) {
    return Session.begin(SessionToken.random(), operator.id(), factor, at);
  }

  @Test
  void create_thenFindReturnsTheSessionAsStored() {
    Session session = session(alice, SecondFactor.TOTP, T0);

    sessions.create(session);

    assertThat(sessions.find(session.key())).contains(session);
    assertThat(sessions.find(SessionToken.random().key())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("io.supportpro.domain.fixtures.SecondFactors#all")
  void create_keepsEverySecondFactorAsItIs(SecondFactor factor) {
    Session session = session(alice, factor, T0);

    sessions.create(session);

    assertThat(sessions.find(session.key())).contains(session);
    assertThat(sessions.find(session.key()).orElseThrow().secondFactor()).isEqualTo(factor);
  }

  @Test
  void replace_movesTheSessionToItsNewKeyOnce() {
    Session partial = session(alice, SecondFactor.TOTP, T0);
    sessions.create(partial);
    Session full = partial.signedInAs(SessionToken.random(), T0.plusSeconds(20));
    Session other = partial.signedInAs(SessionToken.random(), T0.plusSeconds(21));

    assertThat(sessions.replace(partial.key(), full)).isTrue();
    assertThat(sessions.replace(partial.key(), other)).isFalse();

    assertThat(sessions.find(partial.key())).isEmpty();
    assertThat(sessions.find(full.key())).contains(full);
    assertThat(sessions.find(other.key())).isEmpty();
    assertThat(full.stage()).isEqualTo(SessionStage.SIGNED_IN);
  }

  @Test
  void concurrentReplaces_onlyOneWins() throws Exception {
    Session partial = session(alice, SecondFactor.TOTP, T0);
    sessions.create(partial);
    var start = new CountDownLatch(1);
    List<Future<Boolean>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      for (int i = 0; i < 6; i++) {
        Session next = partial.signedInAs(SessionToken.random(), T0.plusSeconds(5));
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return sessions.replace(partial.key(), next);
                }));
      }
      start.countDown();
      List<Boolean> results = new ArrayList<>();
      for (Future<Boolean> outcome : outcomes) {
        results.add(outcome.get());
      }
      assertThat(results).containsOnlyOnce(true);
    }
  }

  @Test
  void touch_updatesTheLastSeenTime() {
    Session session = session(alice, SecondFactor.NONE, T0);
    sessions.create(session);

    sessions.touch(session.key(), T0.plus(Duration.ofMinutes(7)));

    assertThat(sessions.find(session.key()).orElseThrow().lastSeenAt())
        .isEqualTo(T0.plus(Duration.ofMinutes(7)));
  }

  @Test
  void delete_andDeleteAllOf_endSessions() {
    Session first = session(alice, SecondFactor.NONE, T0);
    Session second = session(alice, SecondFactor.NONE, T0);
    Session bobs = session(bob, SecondFactor.NONE, T0);
    sessions.create(first);
    sessions.create(second);
    sessions.create(bobs);

    sessions.delete(first.key());
    assertThat(sessions.find(first.key())).isEmpty();

    assertThat(sessions.deleteAllOf(alice.id())).isEqualTo(1);
    assertThat(sessions.find(second.key())).isEmpty();
    assertThat(sessions.find(bobs.key())).isPresent();
  }

  @Test
  void deleteAllOfExcept_endsTheOperatorsOtherSessionsHalfSignedInOnesIncluded() {
    Session kept = session(alice, SecondFactor.NONE, T0);
    Session bobs = session(bob, SecondFactor.NONE, T0);
    List<Session> ended = new ArrayList<>(List.of(session(alice, SecondFactor.NONE, T0)));
    SecondFactors.partial().forEach(factor -> ended.add(session(alice, factor, T0)));
    sessions.create(kept);
    sessions.create(bobs);
    ended.forEach(sessions::create);

    assertThat(sessions.deleteAllOfExcept(alice.id(), kept.key())).isEqualTo(ended.size());

    assertThat(sessions.find(kept.key())).contains(kept);
    assertThat(sessions.find(bobs.key())).contains(bobs);
    for (Session session : ended) {
      assertThat(sessions.find(session.key())).isEmpty();
    }
  }

  @Test
  void create_keepsTheClientTheSessionWasBegunFrom() {
    var client = new SessionClient("2001:db8::7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
    Session session =
        Session.begin(SessionToken.random(), alice.id(), SecondFactor.TOTP, T0, client);
    sessions.create(session);
    Session renewed = session.signedInAs(SessionToken.random(), T0.plusSeconds(3));

    assertThat(sessions.replace(session.key(), renewed)).isTrue();

    assertThat(sessions.find(renewed.key()).orElseThrow().client()).isEqualTo(client);
  }

  @Test
  void create_keepsAClientAtItsLongestBounds() {
    var client =
        new SessionClient(
            "a".repeat(SessionClient.MAX_ADDRESS), "\u00e9".repeat(SessionClient.MAX_USER_AGENT));
    Session session =
        Session.begin(SessionToken.random(), alice.id(), SecondFactor.NONE, T0, client);

    sessions.create(session);

    assertThat(sessions.find(session.key())).contains(session);
  }

  @Test
  void listOf_givesTheOperatorsSessionsOnlyOldestFirstHalfSignedInOnesIncluded() {
    Session first = session(alice, SecondFactor.NONE, T0);
    Session second = session(alice, SecondFactor.TOTP, T0.plusSeconds(1));
    Session third = session(alice, SecondFactor.TOTP_ENROLMENT, T0.plusSeconds(2));
    sessions.create(third);
    sessions.create(session(bob, SecondFactor.NONE, T0));
    sessions.create(first);
    sessions.create(second);

    assertThat(sessions.listOf(alice.id())).containsExactly(first, second, third);
    assertThat(sessions.listOf(operator("carol").id())).isEmpty();
  }

  @Test
  void delete_tellsWhetherTheSessionWasThere() {
    Session session = session(alice, SecondFactor.NONE, T0);
    sessions.create(session);

    assertThat(sessions.delete(session.key())).isTrue();
    assertThat(sessions.delete(session.key())).isFalse();
  }

  @Test
  void deleteAllOfExcept_endsNoneWhenTheKeptSessionIsGone() {
    Session gone = session(alice, SecondFactor.NONE, T0);
    Session other = session(alice, SecondFactor.NONE, T0);
    sessions.create(other);

    assertThat(sessions.deleteAllOfExcept(alice.id(), gone.key())).isZero();

    assertThat(sessions.find(other.key())).contains(other);
  }

  @Test
  void concurrentDeleteAllOfExcept_fromTwoSessionsLeavesExactlyOneOfThem() throws Exception {
    for (int round = 0; round < 5; round++) {
      Session first = session(alice, SecondFactor.NONE, T0);
      Session second = session(alice, SecondFactor.NONE, T0);
      Session third = session(alice, SecondFactor.TOTP, T0);
      Session bobs = session(bob, SecondFactor.NONE, T0);
      List.of(first, second, third, bobs).forEach(sessions::create);

      List<Integer> ended =
          AtOnce.run(
              List.of(
                  () -> sessions.deleteAllOfExcept(alice.id(), first.key()),
                  () -> sessions.deleteAllOfExcept(alice.id(), second.key())));

      assertThat(ended).containsExactlyInAnyOrder(2, 0);
      Session survivor = ended.get(0) == 2 ? first : second;
      assertThat(sessions.listOf(alice.id())).containsExactly(survivor);
      assertThat(sessions.find(bobs.key())).contains(bobs);
      sessions.deleteAllOf(alice.id());
      sessions.deleteAllOf(bob.id());
    }
  }

  @Test
  void deleteExpired_removesOldAndIdleSessionsOnly() {
    Session old = session(alice, SecondFactor.NONE, T0);
    Session idle = session(alice, SecondFactor.NONE, T0.plus(Duration.ofHours(2)));
    Session fresh = session(bob, SecondFactor.NONE, T0.plus(Duration.ofHours(2)));
    sessions.create(old);
    sessions.create(idle);
    sessions.create(fresh);
    sessions.touch(fresh.key(), T0.plus(Duration.ofHours(3)));
    sessions.touch(old.key(), T0.plus(Duration.ofHours(3)));

    int deleted =
        sessions.deleteExpired(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofMinutes(150)));

    assertThat(deleted).isEqualTo(2);
    assertThat(sessions.find(fresh.key())).isPresent();
    assertThat(sessions.find(old.key())).isEmpty();
    assertThat(sessions.find(idle.key())).isEmpty();
  }
}
