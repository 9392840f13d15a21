package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PendingSignIn;
import io.supportpro.application.port.out.PendingSignIns;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.Sha256;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PendingSignIns} store must do. */
public abstract class PendingSignInsContract {
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.125Z");
  private static final SecondFactor PROMPT = SecondFactor.prompt(FakePromptPlugin.ID);

  private Stores stores;
  private Operator alice;
  private Session session;

  /** The pending sign-ins and the stores they are bound to, over the same storage. */
  public record Stores(
      PendingSignIns pending,
      PluginRepository plugins,
      SessionStore sessions,
      OperatorRepository operators) {}

  /** Empty stores over the same storage. */
  protected abstract Stores emptyStores();

  @BeforeEach
  void setUp() {
    stores = emptyStores();
    alice = operator("alice");
    stores.operators().add(alice, new PasswordHash("$test$hash"));
    stores.plugins().transition(FakePromptPlugin.ID, PluginState.AVAILABLE, PluginState.INACTIVE);
    stores.plugins().transition(FakePromptPlugin.ID, PluginState.INACTIVE, PluginState.ACTIVE);
    session = Session.begin(SessionToken.random(), alice.id(), PROMPT, T0);
    stores.sessions().create(session);
  }

  private PendingSignIn pending(Instant at) {
    return new PendingSignIn(
        Sha256.hex(SessionToken.randomText()),
        FakePromptPlugin.ID,
        session.key(),
        alice.id(),
        "alice",
        "/admin/audit?type=SIGN_IN_FAILED&page=2",
        at);
  }

  @Test
  void take_returnsThePendingSignInOnce() {
    PendingSignIn signIn = pending(T0);

    assertThat(stores.pending().create(signIn)).isTrue();

    assertThat(stores.pending().take(signIn.stateHash())).contains(signIn);
    assertThat(stores.pending().take(signIn.stateHash())).isEmpty();
    assertThat(stores.pending().take(Sha256.hex("unknown"))).isEmpty();
  }

  @Test
  void taken_findsASignInOnlyOnceItWasTaken() {
    PendingSignIn signIn = pending(T0);
    stores.pending().create(signIn);

    assertThat(stores.pending().taken(signIn.stateHash())).isEmpty();
    stores.pending().take(signIn.stateHash());

    assertThat(stores.pending().taken(signIn.stateHash())).contains(signIn);
    assertThat(stores.pending().take(signIn.stateHash())).isEmpty();
    assertThat(stores.pending().taken(Sha256.hex("unknown"))).isEmpty();
  }

  @Test
  void taken_isForgottenWhenItsSessionEndsOrItIsSwept() {
    PendingSignIn signIn = pending(T0);
    stores.pending().create(signIn);
    stores.pending().take(signIn.stateHash());
    stores.sessions().delete(session.key());

    assertThat(stores.pending().taken(signIn.stateHash())).isEmpty();

    session = Session.begin(SessionToken.random(), alice.id(), PROMPT, T0);
    stores.sessions().create(session);
    PendingSignIn swept = pending(T0);
    stores.pending().create(swept);
    stores.pending().take(swept.stateHash());

    assertThat(stores.pending().deleteCreatedBefore(T0.plusSeconds(1))).isEqualTo(1);
    assertThat(stores.pending().taken(swept.stateHash())).isEmpty();
  }

  @Test
  void concurrentTakes_onlyOneGetsIt() throws Exception {
    PendingSignIn signIn = pending(T0);
    stores.pending().create(signIn);
    var start = new CountDownLatch(1);
    List<Future<Optional<PendingSignIn>>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      for (int i = 0; i < 6; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return stores.pending().take(signIn.stateHash());
                }));
      }
      start.countDown();
      int taken = 0;
      for (Future<Optional<PendingSignIn>> outcome : outcomes) {
        taken += outcome.get().isPresent() ? 1 : 0;
      }
      assertThat(taken).isEqualTo(1);
      assertThat(stores.pending().taken(signIn.stateHash())).contains(signIn);
    }
  }

  @Test
  void deleteCreatedBefore_removesOnlyOlderOnes() {
    PendingSignIn old = pending(T0);
    PendingSignIn recent = pending(T0.plusSeconds(400));
    stores.pending().create(old);
    stores.pending().create(recent);

    assertThat(stores.pending().deleteCreatedBefore(T0.plusSeconds(300))).isEqualTo(1);

    assertThat(stores.pending().take(old.stateHash())).isEmpty();
    assertThat(stores.pending().take(recent.stateHash())).contains(recent);
  }

  @Test
  void endingTheSessionOrUninstallingThePlugin_removesItsPendingSignIns() {
    PendingSignIn first = pending(T0);
    stores.pending().create(first);
    stores.sessions().delete(session.key());

    assertThat(stores.pending().take(first.stateHash())).isEmpty();
    assertThat(stores.pending().create(pending(T0))).isFalse();

    session = Session.begin(SessionToken.random(), alice.id(), PROMPT, T0);
    stores.sessions().create(session);
    PendingSignIn second = pending(T0);
    stores.pending().create(second);
    stores.plugins().transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.AVAILABLE);

    assertThat(stores.pending().take(second.stateHash())).isEmpty();
    assertThat(stores.pending().create(pending(T0))).isFalse();
  }
}
