package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TotpCredentials} store must do. */
public abstract class TotpCredentialsContract {
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.750Z");
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
    assertThat(credentials.savePending(alice.id(), "v1:first", T0)).isTrue();
    assertThat(credentials.savePending(alice.id(), "v1:second", T0.plusSeconds(5))).isTrue();
    assertThat(credentials.find(alice.id()))
        .contains(new TotpEnrolment("v1:second", false, OptionalLong.empty(), T0.plusSeconds(5)));

    assertThat(credentials.confirm(alice.id(), 1000, CODES)).isTrue();

    assertThat(credentials.find(alice.id()))
        .contains(new TotpEnrolment("v1:second", true, OptionalLong.of(1000), T0.plusSeconds(5)));
    assertThat(credentials.remainingRecoveryCodes(alice.id())).isEqualTo(3);
    assertThat(credentials.find(bob.id())).isEmpty();
  }

  @Test
  void aConfirmedEnrolmentIsNeitherReplacedNorConfirmedAgain() {
    credentials.savePending(alice.id(), "v1:first", T0);
    credentials.confirm(alice.id(), 1000, CODES);

    assertThat(credentials.savePending(alice.id(), "v1:other", T0)).isFalse();
    assertThat(credentials.confirm(alice.id(), 1001, List.of())).isFalse();
    assertThat(credentials.confirm(bob.id(), 1001, List.of())).isFalse();
    assertThat(credentials.find(alice.id()).orElseThrow().encryptedSecret()).isEqualTo("v1:first");
  }

  @Test
  void useStep_acceptsOnlyLaterSteps() {
    credentials.savePending(alice.id(), "v1:first", T0);
    credentials.confirm(alice.id(), 1000, CODES);

    assertThat(credentials.useStep(alice.id(), 1000)).isFalse();
    assertThat(credentials.useStep(alice.id(), 999)).isFalse();
    assertThat(credentials.useStep(alice.id(), 1001)).isTrue();
    assertThat(credentials.useStep(alice.id(), 1001)).isFalse();
    assertThat(credentials.find(alice.id()).orElseThrow().lastUsedStep()).hasValue(1001);
  }

  @Test
  void concurrentUsesOfOneStep_onlyOneSucceeds() throws Exception {
    credentials.savePending(alice.id(), "v1:first", T0);
    credentials.confirm(alice.id(), 1000, CODES);
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
    credentials.savePending(alice.id(), "v1:first", T0);
    credentials.confirm(alice.id(), 1000, CODES);

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
    credentials.savePending(alice.id(), "v1:first", T0);
    credentials.confirm(alice.id(), 1000, CODES);

    assertThat(credentials.delete(alice.id())).isTrue();
    assertThat(credentials.delete(alice.id())).isFalse();

    assertThat(credentials.find(alice.id())).isEmpty();
    assertThat(credentials.remainingRecoveryCodes(alice.id())).isZero();
    assertThat(credentials.savePending(alice.id(), "v1:again", T0)).isTrue();
  }
}
