package io.supportpro.adapter.out.persistence;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.service.SecondFactorRequirement;
import io.supportpro.application.service.SessionService;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JooqUnitOfWorkIT {
  private static final String PASSWORD = "violet-Harbour-47-kettle";
  private static final String ADDRESS = "192.0.2.10";

  /**
   * The unit of work for stores over a {@code DSLContext} a test made itself, whose transactions
   * are its own: no unit runs on it.
   */
  static JooqUnitOfWork unitOfWork(DSLContext dsl) {
    return new JooqUnitOfWork(
        dsl, new JoiningTransactionProvider(dsl.configuration().connectionProvider()));
  }

  @Nested
  class OnH2 extends Contract {
    @Override
    Stores emptyStores() {
      return TestDatabase.H2.emptied();
    }
  }

  @Nested
  class OnPostgres extends Contract {
    @Override
    Stores emptyStores() {
      return TestDatabase.POSTGRES.emptied();
    }
  }

  abstract static class Contract {
    private final MutableClock clock = MutableClock.atStart();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final Operator ada = operator("ada");
    private final ThrottleKey adaKey = ThrottleKey.account(ada.id().toString());
    private final ThrottleKey addressKey = ThrottleKey.address(ADDRESS);
    private Stores stores;

    abstract Stores emptyStores();

    @BeforeEach
    void addAda() {
      stores = emptyStores();
      stores.operators().add(ada, hasher.hash(new Password(PASSWORD)));
    }

    @Test
    void workThatFailsLeavesNoChangeInAnyStore() {
      var failure = new IllegalStateException("failed after its changes");

      assertThatThrownBy(
              () ->
                  inUnit(
                      () -> {
                        countFailure(adaKey);
                        stores.sessions().create(session());
                        stores.auditLog().append(entry(AuditEventType.SIGN_IN_SUCCEEDED));
                        throw failure;
                      }))
          .isSameAs(failure);

      assertThat(stores.failedAttempts().find(List.of(adaKey))).isEmpty();
      assertThat(stores.sessions().listOf(ada.id())).isEmpty();
      assertThat(auditTypes()).isEmpty();
    }

    @Test
    void workInsideWorkJoinsIt() {
      assertThatThrownBy(
              () ->
                  inUnit(
                      () -> {
                        inUnit(
                            () -> {
                              stores.sessions().create(session());
                              return null;
                            });
                        throw new IllegalStateException("the outer work fails");
                      }))
          .hasMessage("the outer work fails");

      assertThat(stores.sessions().listOf(ada.id())).isEmpty();
    }

    /**
     * Adding an operator whose username is taken fails inside its own transaction, which the store
     * catches to answer that the name is taken: joined to the work, that failure fails the work, on
     * H2 as on PostgreSQL, rather than letting the work's other changes commit.
     */
    @Test
    void aStoreChangeThatFailsInsideWorkFailsTheWorkThoughItsCallerGoesOn() {
      assertThatThrownBy(
              () ->
                  inUnit(
                      () -> {
                        countFailure(adaKey);
                        return stores.operators().add(ada, hasher.hash(new Password(PASSWORD)));
                      }))
          .isInstanceOf(IllegalStateException.class);

      assertThat(stores.failedAttempts().find(List.of(adaKey))).isEmpty();
    }

    @Test
    void afterWorkThatFailedTheThreadsChangesCommitOnTheirOwnAgain() throws Exception {
      assertThatThrownBy(
              () ->
                  inUnit(
                      () -> {
                        countFailure(adaKey);
                        throw new IllegalStateException("failed");
                      }))
          .hasMessage("failed");

      countFailure(addressKey);

      // Read on another thread, over another connection: only committed rows are there.
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        assertThat(
                other
                    .submit(() -> stores.failedAttempts().find(List.of(adaKey, addressKey)))
                    .get(10, TimeUnit.SECONDS))
            .extracting(ThrottleState::key)
            .containsExactly(addressKey);
      } finally {
        other.shutdownNow();
      }
    }

    @Test
    void workTheDatabaseEndsForAConflictRunsAgainFromTheStart() {
      var runs = new AtomicInteger();

      String result =
          inUnit(
              () -> {
                countFailure(adaKey);
                stores.auditLog().append(entry(AuditEventType.SIGN_IN_FAILED));
                if (runs.incrementAndGet() == 1) {
                  throw new DataAccessException(
                      "chosen as a deadlock victim", new SQLException("deadlock", "40001"));
                }
                return "done";
              });

      assertThat(result).isEqualTo("done");
      assertThat(runs).hasValue(2);
      assertThat(stores.failedAttempts().find(List.of(adaKey)))
          .singleElement()
          .extracting(ThrottleState::failures)
          .isEqualTo(1);
      assertThat(auditTypes()).containsExactly(AuditEventType.SIGN_IN_FAILED);
    }

    @Test
    void workThatFailsOtherwiseRunsOnce() {
      var runs = new AtomicInteger();

      assertThatThrownBy(
              () ->
                  inUnit(
                      () -> {
                        runs.incrementAndGet();
                        throw new IllegalArgumentException("a bug, not a conflict");
                      }))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(runs).hasValue(1);
    }

    /**
     * Work started together on the same keys, none of which has a row yet: the inserts race, the
     * losers' transactions end, and each runs again until every one is counted once.
     */
    @Test
    void concurrentWorkOnTheSameKeysIsEachCountedOnce() throws Exception {
      int parties = 6;
      var barrier = new CyclicBarrier(parties);
      ExecutorService pool = Executors.newFixedThreadPool(parties);
      try {
        List<Future<Object>> done =
            java.util.stream.IntStream.range(0, parties)
                .mapToObj(
                    i ->
                        pool.submit(
                            () -> {
                              barrier.await(10, TimeUnit.SECONDS);
                              return inUnit(
                                  () -> {
                                    countFailure(adaKey, addressKey);
                                    stores.sessions().create(session());
                                    stores
                                        .auditLog()
                                        .append(entry(AuditEventType.SIGN_IN_SUCCEEDED));
                                    return null;
                                  });
                            }))
                .toList();
        for (Future<Object> each : done) {
          each.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(stores.failedAttempts().find(List.of(adaKey, addressKey)))
          .extracting(ThrottleState::failures)
          .containsExactly(parties, parties);
      assertThat(stores.sessions().listOf(ada.id())).hasSize(parties);
      assertThat(auditTypes()).hasSize(parties);
    }

    @Test
    void aSignInWhoseAuditEntryCannotBeWrittenStartsNoSessionAndForgetsNoFailure() {
      var failing = new IllegalStateException("the audit log refused the entry");
      AuditLog refusingSuccess = refusing(AuditEventType.SIGN_IN_SUCCEEDED, failing);
      SessionService signIn = signInService(refusingSuccess);
      signIn.signIn(new SignInCommand("ada", new Password("wrong-password-1"), ADDRESS));

      assertThatThrownBy(
              () -> signIn.signIn(new SignInCommand("ada", new Password(PASSWORD), ADDRESS)))
          .isSameAs(failing);

      assertThat(stores.sessions().listOf(ada.id())).isEmpty();
      assertThat(stores.failedAttempts().find(List.of(adaKey)))
          .singleElement()
          .extracting(ThrottleState::failures)
          .as("the earlier failure, and this attempt's reservation, still counted")
          .isEqualTo(2);
    }

    @Test
    void aSignInStartsItsSessionAndForgetsTheAccountsFailures() {
      SessionService signIn = signInService(stores.auditLog());
      signIn.signIn(new SignInCommand("ada", new Password("wrong-password-1"), ADDRESS));

      signIn.signIn(new SignInCommand("ada", new Password(PASSWORD), ADDRESS));

      assertThat(stores.sessions().listOf(ada.id())).hasSize(1);
      assertThat(stores.failedAttempts().find(List.of(adaKey))).isEmpty();
      assertThat(auditTypes())
          .containsExactly(AuditEventType.SIGN_IN_SUCCEEDED, AuditEventType.SIGN_IN_FAILED);
    }

    /** Runs the work in a unit of work of the stores. */
    private <T> T inUnit(Supplier<T> work) {
      return stores.unitOfWork().run(work);
    }

    private SessionService signInService(AuditLog audit) {
      return new SessionService(
          stores.operators(),
          hasher,
          stores.sessions(),
          stores.failedAttempts(),
          ThrottlePolicy.DEFAULT,
          new SecondFactorRequirement(
              new InMemoryPluginCatalog(List.of()),
              stores.plugins(),
              stores.totpCredentials(),
              stores.panelSettings()),
          SessionTimeouts.DEFAULT,
          audit,
          stores.unitOfWork(),
          clock);
    }

    /** The stores' audit log, except that it refuses entries of one type. */
    private AuditLog refusing(AuditEventType refused, RuntimeException failure) {
      AuditLog log = stores.auditLog();
      return new AuditLog() {
        @Override
        public void append(AuditEvent event) {
          if (event.type() == refused) {
            throw failure;
          }
          log.append(event);
        }

        @Override
        public void appendOrCount(AuditEvent event, RepeatKey repeat) {
          log.appendOrCount(event, repeat);
        }

        @Override
        public AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit) {
          return log.query(filter, olderThan, limit);
        }

        @Override
        public long forEachMatching(AuditFilter filter, Consumer<RecordedAuditEvent> each) {
          return log.forEachMatching(filter, each);
        }

        @Override
        public int deleteBefore(Instant before, int atMost) {
          return log.deleteBefore(before, atMost);
        }
      };
    }

    private void countFailure(ThrottleKey... keys) {
      Instant now = clock.now();
      stores
          .failedAttempts()
          .update(
              List.of(keys),
              states ->
                  java.util.stream.IntStream.range(0, keys.length)
                      .mapToObj(
                          i ->
                              Optional.of(
                                  new ThrottleState(
                                      keys[i],
                                      states.get(i).map(ThrottleState::failures).orElse(0) + 1,
                                      now,
                                      Optional.empty())))
                      .toList());
    }

    private Session session() {
      return Session.begin(SessionToken.random(), ada.id(), SecondFactor.NONE, clock.now());
    }

    private AuditEvent entry(AuditEventType type) {
      return new AuditEvent(
          clock.now(),
          type,
          Actor.operator(ada.id(), ada.username().value(), ADDRESS),
          ada.id().toString(),
          Map.of());
    }

    private List<AuditEventType> auditTypes() {
      return stores.auditLog().query(AuditFilter.ALL, Optional.empty(), 100).events().stream()
          .map(recorded -> recorded.event().type())
          .toList();
    }
  }
}
