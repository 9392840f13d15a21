package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FailedAttempts} store must do. */
public abstract class FailedAttemptsContract {
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.500Z");
  private static final ThrottleKey ALICE = ThrottleKey.account("alice");
  private static final ThrottleKey ADDRESS = ThrottleKey.address("192.0.2.7");

  private static final Optional<Instant> NO_LOCK = Optional.empty();

  private FailedAttempts attempts;

  /** A store with no failures counted. */
  protected abstract FailedAttempts emptyStore();

  @BeforeEach
  void setUp() {
    attempts = emptyStore();
  }

  @Test
  void recordFailure_countsUpAndFindReturnsTheCount() {
    assertThat(attempts.recordFailure(ALICE, T0, T0.minusSeconds(3600))).isEqualTo(1);
    assertThat(attempts.recordFailure(ALICE, T0.plusSeconds(1), T0.minusSeconds(3600)))
        .isEqualTo(2);

    assertThat(attempts.find(List.of(ALICE, ADDRESS)))
        .containsExactly(new ThrottleState(ALICE, 2, T0.plusSeconds(1), Optional.empty()));
  }

  @Test
  void recordFailure_startsAgainAfterTheQuietWindow() {
    attempts.recordFailure(ALICE, T0, T0.minusSeconds(3600));
    attempts.recordFailure(ALICE, T0, T0.minusSeconds(3600));

    Instant later = T0.plus(Duration.ofHours(2));
    assertThat(attempts.recordFailure(ALICE, later, later.minusSeconds(3600))).isEqualTo(1);
  }

  @Test
  void keysOfDifferentKindsAreCountedApart() {
    attempts.recordFailure(ThrottleKey.account("x"), T0, T0.minusSeconds(60));
    attempts.recordFailure(ThrottleKey.secondFactor("x"), T0, T0.minusSeconds(60));

    assertThat(attempts.find(List.of(ThrottleKey.account("x"), ThrottleKey.secondFactor("x"))))
        .extracting(ThrottleState::failures)
        .containsExactlyInAnyOrder(1, 1);
  }

  @Test
  void concurrentFailures_areAllCounted() throws Exception {
    var start = new CountDownLatch(1);
    List<Future<Integer>> counts = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        counts.add(
            pool.submit(
                () -> {
                  start.await();
                  return attempts.recordFailure(ADDRESS, T0, T0.minusSeconds(3600));
                }));
      }
      start.countDown();
      List<Integer> seen = new ArrayList<>();
      for (Future<Integer> count : counts) {
        seen.add(count.get());
      }
      assertThat(seen).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }
    assertThat(attempts.find(List.of(ADDRESS)).getFirst().failures()).isEqualTo(8);
  }

  /** Changes one key, as a list of one. */
  private Optional<ThrottleState> update(
      ThrottleKey key, UnaryOperator<Optional<ThrottleState>> change) {
    return attempts
        .update(List.of(key), states -> List.of(change.apply(states.getFirst())))
        .getFirst();
  }

  private static UnaryOperator<Optional<ThrottleState>> oneMore(ThrottleKey key) {
    return current ->
        Optional.of(
            new ThrottleState(
                key, current.map(s -> s.failures() + 1).orElse(1), T0, Optional.empty()));
  }

  @Test
  void update_writesWhatTheChangeMakesAndReturnsWhatItReplaced() {
    assertThat(update(ALICE, oneMore(ALICE))).isEmpty();
    assertThat(update(ALICE, oneMore(ALICE)))
        .contains(new ThrottleState(ALICE, 1, T0, Optional.empty()));

    ThrottleState locked =
        new ThrottleState(ALICE, 7, T0.plusSeconds(1), Optional.of(T0.plusSeconds(60)));
    update(ALICE, current -> Optional.of(locked));

    assertThat(attempts.find(List.of(ALICE))).containsExactly(locked);
  }

  @Test
  void update_toNothingForgetsTheKey() {
    update(ALICE, oneMore(ALICE));

    assertThat(update(ALICE, current -> Optional.empty())).isPresent();

    assertThat(attempts.find(List.of(ALICE))).isEmpty();
    assertThat(update(ALICE, current -> Optional.empty())).isEmpty();
  }

  @Test
  void update_leavesOtherKeysAlone() {
    update(ALICE, oneMore(ALICE));
    update(ADDRESS, oneMore(ADDRESS));

    update(ALICE, current -> Optional.empty());

    assertThat(attempts.find(List.of(ALICE, ADDRESS)))
        .containsExactly(new ThrottleState(ADDRESS, 1, T0, Optional.empty()));
  }

  /**
   * Changes released together by a barrier each see the one before: none is lost, and no two see
   * the same state, whether the key had a row before or not.
   */
  @Test
  void concurrentUpdates_eachSeeTheStateTheOneBeforeLeft() throws Exception {
    int parties = 8;
    for (ThrottleKey key : List.of(ALICE, ADDRESS)) {
      if (key.equals(ADDRESS)) {
        update(key, oneMore(key));
      }
      var barrier = new CyclicBarrier(parties);
      List<Future<Optional<ThrottleState>>> seen = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(parties)) {
        for (int i = 0; i < parties; i++) {
          seen.add(
              pool.submit(
                  () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return update(key, oneMore(key));
                  }));
        }
        List<Integer> before = new ArrayList<>();
        for (Future<Optional<ThrottleState>> state : seen) {
          before.add(state.get(30, TimeUnit.SECONDS).map(ThrottleState::failures).orElse(0));
        }
        int first = key.equals(ADDRESS) ? 1 : 0;
        assertThat(before)
            .containsExactlyInAnyOrderElementsOf(
                IntStream.range(first, first + parties).boxed().toList());
        assertThat(attempts.find(List.of(key)).getFirst().failures()).isEqualTo(first + parties);
      }
    }
  }

  @Test
  void updateOfSeveralKeys_givesAndTakesOneStatePerKeyInTheirOrder() {
    update(ADDRESS, oneMore(ADDRESS));

    List<Optional<ThrottleState>> before =
        attempts.update(
            List.of(ALICE, ADDRESS),
            states -> List.of(oneMore(ALICE).apply(states.get(0)), Optional.empty()));

    assertThat(before)
        .containsExactly(Optional.empty(), Optional.of(new ThrottleState(ADDRESS, 1, T0, NO_LOCK)));
    assertThat(attempts.find(List.of(ALICE, ADDRESS)))
        .containsExactly(new ThrottleState(ALICE, 1, T0, NO_LOCK));
  }

  /**
   * Changes of two keys released together by a barrier, with and without rows before, each see both
   * keys as the one before left them: none is lost and no two see the same states.
   */
  @Test
  void concurrentUpdatesOfSeveralKeys_eachSeeBothStatesTheOneBeforeLeft() throws Exception {
    update(ADDRESS, oneMore(ADDRESS));
    int parties = 8;
    List<Callable<List<Optional<ThrottleState>>>> changes = new ArrayList<>();
    for (int i = 0; i < parties; i++) {
      // Half name the keys in the other order, which must not make them wait for each other.
      List<ThrottleKey> keys = i % 2 == 0 ? List.of(ALICE, ADDRESS) : List.of(ADDRESS, ALICE);
      changes.add(
          () -> {
            List<Optional<ThrottleState>> before =
                attempts.update(
                    keys,
                    states ->
                        List.of(
                            oneMore(keys.get(0)).apply(states.get(0)),
                            oneMore(keys.get(1)).apply(states.get(1))));
            return keys.getFirst().equals(ALICE) ? before : before.reversed();
          });
    }

    List<List<Optional<ThrottleState>>> seen = AtOnce.run(changes);

    assertThat(seen)
        .extracting(before -> before.get(0).map(ThrottleState::failures).orElse(0))
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, parties).boxed().toList());
    assertThat(seen)
        .allSatisfy(
            before ->
                assertThat(before.get(1).orElseThrow().failures())
                    .isEqualTo(before.get(0).map(ThrottleState::failures).orElse(0) + 1));
    assertThat(attempts.find(List.of(ALICE, ADDRESS)))
        .extracting(ThrottleState::failures)
        .containsExactlyInAnyOrder(parties, parties + 1);
  }

  /**
   * A purge of stale keys released by a barrier together with changes that count fresh failures of
   * those keys, two keys a change in either order, ends as if each had run alone in some order: no
   * fresh failure is lost, a stale count is either kept under the fresh ones or forgotten by the
   * purge, and the purge forgot exactly the keys it says it did.
   */
  @Test
  void concurrentUpdatesAndDeleteStale_loseNoFreshFailureAndBringNoStaleOneBack() throws Exception {
    Instant cutoff = T0.plus(Duration.ofHours(1));
    Instant fresh = T0.plus(Duration.ofHours(2));
    int staleFailures = 3;
    for (int round = 0; round < 5; round++) {
      String prefix = "round" + round + "-";
      List<ThrottleKey> keys =
          IntStream.range(0, 6).mapToObj(i -> ThrottleKey.account(prefix + i)).toList();
      for (ThrottleKey key : keys) {
        for (int i = 0; i < staleFailures; i++) {
          attempts.recordFailure(key, T0, T0.minusSeconds(3600));
        }
      }
      // Keys 0 to 3 each fail twice more, the changes naming them in both orders; 4 and 5 do not.
      List<List<ThrottleKey>> changed =
          List.of(
              List.of(keys.get(0), keys.get(1)),
              List.of(keys.get(2), keys.get(1)),
              List.of(keys.get(2), keys.get(3)),
              List.of(keys.get(3), keys.get(0)));
      List<Callable<Integer>> calls = new ArrayList<>();
      calls.add(() -> attempts.deleteStale(cutoff));
      for (List<ThrottleKey> pair : changed) {
        calls.add(
            () -> {
              attempts.update(
                  pair,
                  states ->
                      IntStream.range(0, pair.size())
                          .mapToObj(
                              i ->
                                  Optional.of(
                                      new ThrottleState(
                                          pair.get(i),
                                          states.get(i).map(ThrottleState::failures).orElse(0) + 1,
                                          fresh,
                                          NO_LOCK)))
                          .toList());
              return 0;
            });
      }

      int deleted = AtOnce.run(calls).getFirst();

      List<ThrottleState> left = attempts.find(keys);
      assertThat(left)
          .extracting(ThrottleState::key)
          .containsExactlyInAnyOrderElementsOf(keys.subList(0, 4));
      assertThat(left).extracting(ThrottleState::lastFailureAt).containsOnly(fresh);
      assertThat(left)
          .extracting(ThrottleState::failures)
          .allMatch(n -> n == 2 || n == 2 + staleFailures);
      long forgotten = left.stream().filter(state -> state.failures() == 2).count();
      assertThat(deleted).as("keys the purge forgot").isEqualTo(2 + forgotten);
    }
  }

  @Test
  void lockUntil_andClear() {
    attempts.recordFailure(ALICE, T0, T0.minusSeconds(3600));
    attempts.lockUntil(ALICE, T0.plusSeconds(30));

    ThrottleState locked = attempts.find(List.of(ALICE)).getFirst();
    assertThat(locked.lockedUntil()).contains(T0.plusSeconds(30));
    assertThat(locked.lockedAt(T0.plusSeconds(29))).isTrue();
    assertThat(locked.lockedAt(T0.plusSeconds(30))).isFalse();

    attempts.clear(ALICE);
    assertThat(attempts.find(List.of(ALICE))).isEmpty();
  }

  @Test
  void list_showsRecentKeysMostRecentFirstInPages() {
    for (int i = 0; i < 5; i++) {
      attempts.recordFailure(
          ThrottleKey.account("user" + i), T0.plusSeconds(i), T0.minusSeconds(60));
    }

    Page<ThrottleState> first = attempts.list(T0.plusSeconds(1), new PageRequest(1, 3));
    Page<ThrottleState> second = attempts.list(T0.plusSeconds(1), new PageRequest(2, 3));

    assertThat(first.total()).isEqualTo(4);
    assertThat(first.items())
        .extracting(s -> s.key().value())
        .containsExactly("user4", "user3", "user2");
    assertThat(second.items()).extracting(s -> s.key().value()).containsExactly("user1");
  }

  @Test
  void deleteStale_keepsRecentAndLockedKeys() {
    attempts.recordFailure(ThrottleKey.account("old"), T0, T0.minusSeconds(60));
    attempts.recordFailure(ThrottleKey.account("locked"), T0, T0.minusSeconds(60));
    attempts.lockUntil(ThrottleKey.account("locked"), T0.plus(Duration.ofHours(3)));
    attempts.recordFailure(ThrottleKey.account("recent"), T0.plus(Duration.ofHours(2)), T0);

    assertThat(attempts.deleteStale(T0.plus(Duration.ofHours(1)))).isEqualTo(1);

    assertThat(
            attempts.find(
                List.of(
                    ThrottleKey.account("old"),
                    ThrottleKey.account("locked"),
                    ThrottleKey.account("recent"))))
        .extracting(s -> s.key().value())
        .containsExactlyInAnyOrder("locked", "recent");
  }
}
