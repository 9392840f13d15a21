package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TotpCredentials} store must do. */
public abstract class TotpCredentialsContract {
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.750Z");
  private static final SessionKey MINE = new SessionKey("1".repeat(64));
  private static final SessionKey OTHER = new SessionKey("2".repeat(64));
  private static final List<String> CODES = List.of("a".repeat(64), "b".repeat(64), "c".repeat(64));

  private TotpCredentials credentials;
  private Operator alice;
  private Operator bob;

  /** A credentials store and the operator repository it shares its storage with. */
  public record Stores(TotpCredentials credentials, OperatorRepository operators) {}

  /** Empty stores over the same storage. */
  protected abstract Stores emptyStores();

  @BeforeEach
  void setUp() {
    Stores stores = emptyStores();
    credentials = stores.credentials();
    alice = operator("alice");
    bob = operator("bob");
    stores.operators().add(alice, new PasswordHash("$test$hash"));
    stores.operators().add(bob, new PasswordHash("$test$hash"));
  }

  @Test
  void savePending_thenConfirm() {
    assertThat(credentials.savePending(alice.id(), MINE, "v1:first", T0)).isTrue();
    assertThat(credentials.savePending(alice.id(), MINE, "v1:second", T0.plusSeconds(5))).isTrue();
    assertThat(credentials.find(alice.id()))
        .contains(
            new TotpEnrolment(
                "v1:second", false, OptionalLong.empty(), T0.plusSeconds(5), Optional.of(MINE)));

    assertThat(credentials.confirm(alice.id(), MINE, "v1:second", 1000, CODES)).isTrue();

    assertThat(credentials.find(alice.id()))
        .contains(
            new TotpEnrolment(
                "v1:second", true, OptionalLong.of(1000), T0.plusSeconds(5), Optional.empty()));
    assertThat(credentials.remainingRecoveryCodes(alice.id())).isEqualTo(3);
    assertThat(credentials.find(bob.id())).isEmpty();
  }

  @Test
  void confirm_onlyTheSecretThatSessionBegan() {
    credentials.savePending(alice.id(), OTHER, "v1:planted", T0);

    assertThat(credentials.confirm(alice.id(), MINE, "v1:planted", 1000, CODES)).isFalse();
    assertThat(credentials.find(alice.id()).orElseThrow().pendingFor(OTHER)).isTrue();

    credentials.savePending(alice.id(), MINE, "v1:mine", T0);

    assertThat(credentials.confirm(alice.id(), OTHER, "v1:planted", 1000, CODES)).isFalse();
    assertThat(credentials.confirm(alice.id(), OTHER, "v1:mine", 1000, CODES)).isFalse();
    assertThat(credentials.confirm(alice.id(), MINE, "v1:planted", 1000, CODES)).isFalse();
    assertThat(credentials.find(alice.id()).orElseThrow().pendingFor(MINE)).isTrue();
    assertThat(credentials.remainingRecoveryCodes(alice.id())).isZero();
    assertThat(credentials.confirm(alice.id(), MINE, "v1:mine", 1000, CODES)).isTrue();
  }

  @Test
  void aConfirmRacingAnotherSessionsBegin_confirmsOnlyTheSecretItChecked() throws Exception {
    for (int round = 0; round < 20; round++) {
      credentials.delete(alice.id());
      credentials.savePending(alice.id(), MINE, "v1:mine", T0);
      var barrier = new CyclicBarrier(2);
      try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
        Future<Boolean> confirmed =
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return credentials.confirm(alice.id(), MINE, "v1:mine", 1000, CODES);
                });
        Future<Boolean> replaced =
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return credentials.savePending(alice.id(), OTHER, "v1:planted", T0);
                });

        boolean wasConfirmed = confirmed.get();
        boolean wasReplaced = replaced.get();
        TotpEnrolment now = credentials.find(alice.id()).orElseThrow();
        if (wasConfirmed) {
          assertThat(wasReplaced).isFalse();
          assertThat(now.confirmed()).isTrue();
          assertThat(now.encryptedSecret()).isEqualTo("v1:mine");
        } else {
          assertThat(wasReplaced).isTrue();
          assertThat(now.pendingFor(OTHER)).isTrue();
          assertThat(now.encryptedSecret()).isEqualTo("v1:planted");
        }
      }
    }
  }

  @Test
  void aConfirmedEnrolmentIsNeitherReplacedNorConfirmedAgain() {
    credentials.savePending(alice.id(), MINE, "v1:first", T0);
    credentials.confirm(alice.id(), MINE, "v1:first", 1000, CODES);

    assertThat(credentials.savePending(alice.id(), MINE, "v1:other", T0)).isFalse();
    assertThat(credentials.confirm(alice.id(), MINE, "v1:first", 1001, List.of())).isFalse();
    assertThat(credentials.confirm(bob.id(), MINE, "v1:first", 1001, List.of())).isFalse();
    assertThat(credentials.find(alice.id()).orElseThrow().encryptedSecret()).isEqualTo("v1:first");
  }

  @Test
  void useStep_acceptsOnlyLaterSteps() {
    credentials.savePending(alice.id(), MINE, "v1:first", T0);
    credentials.confirm(alice.id(), MINE, "v1:first", 1000, CODES);

    assertThat(credentials.useStep(alice.id(), 1000)).isFalse();
    assertThat(credentials.useStep(alice.id(), 999)).isFalse();
    assertThat(credentials.useStep(alice.id(), 1001)).isTrue();
    assertThat(credentials.useStep(alice.id(), 1001)).isFalse();
    assertThat(credentials.find(alice.id()).orElseThrow().lastUsedStep()).hasValue(1001);
  }

  @Test
  void concurrentUsesOfOneStep_onlyOneSucceeds() throws Exception {
    credentials.savePending(alice.id(), MINE, "v1:first", T0);
    credentials.confirm(alice.id(), MINE, "v1:first", 1000, CODES);
    var start = new CountDownLatch(1);
    List<Future<Boolean>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      for (int i = 0; i < 6; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return credentials.useStep(alice.id(), 1001);
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
  void recoveryCodes_workOnceAndAreReplacedAsAWhole() {
    credentials.savePending(alice.id(), MINE, "v1:first", T0);
    credentials.confirm(alice.id(), MINE, "v1:first", 1000, CODES);

    assertThat(credentials.useRecoveryCode(alice.id(), CODES.get(0))).isTrue();
    assertThat(credentials.useRecoveryCode(alice.id(), CODES.get(0))).isFalse();
    assertThat(credentials.useRecoveryCode(bob.id(), CODES.get(1))).isFalse();
    assertThat(credentials.remainingRecoveryCodes(alice.id())).isEqualTo(2);

    credentials.replaceRecoveryCodes(alice.id(), List.of("d".repeat(64)));

    assertThat(credentials.useRecoveryCode(alice.id(), CODES.get(1))).isFalse();
    assertThat(credentials.remainingRecoveryCodes(alice.id())).isEqualTo(1);
  }

  @Test
  void delete_removesTheEnrolmentAndTheRecoveryCodes() {
    credentials.savePending(alice.id(), MINE, "v1:first", T0);
    credentials.confirm(alice.id(), MINE, "v1:first", 1000, CODES);

    assertThat(credentials.delete(alice.id())).isTrue();
    assertThat(credentials.delete(alice.id())).isFalse();

    assertThat(credentials.find(alice.id())).isEmpty();
    assertThat(credentials.remainingRecoveryCodes(alice.id())).isZero();
    assertThat(credentials.savePending(alice.id(), MINE, "v1:again", T0)).isTrue();
  }

  @Test
  void countConfirmed_countsConfirmedEnrolmentsAmongTheOperatorsOnly() {
    credentials.savePending(alice.id(), MINE, "v1:first", T0);
    credentials.confirm(alice.id(), MINE, "v1:first", 1000, CODES);
    credentials.savePending(bob.id(), OTHER, "v1:pending", T0);

    assertThat(credentials.countConfirmed(List.of(alice.id(), bob.id(), alice.id()))).isEqualTo(1);
    assertThat(credentials.countConfirmed(List.of(bob.id()))).isZero();
    assertThat(credentials.countConfirmed(List.of())).isZero();
  }
}
