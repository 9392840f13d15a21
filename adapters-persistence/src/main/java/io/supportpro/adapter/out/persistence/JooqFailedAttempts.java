package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.SqlErrors.guardRun;
import static io.supportpro.adapter.out.persistence.Timestamps.fromColumn;
import static io.supportpro.adapter.out.persistence.Timestamps.toColumn;
import static io.supportpro.adapter.out.persistence.jooq.Tables.FAILED_ATTEMPT;

import io.supportpro.adapter.out.persistence.jooq.tables.records.FailedAttemptRecord;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Failure counters in the {@code failed_attempt} table, one row per throttled key. */
final class JooqFailedAttempts implements FailedAttempts {
  // An insert loses a race only to another insert of the same key, after which updates succeed.
  private static final int ATTEMPTS = 5;

  private final DSLContext dsl;
  private final JooqUnitOfWork unitOfWork;
  private final RenderedQuery lockedByKey;

  JooqFailedAttempts(DSLContext dsl, JooqUnitOfWork unitOfWork) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    this.lockedByKey =
        RenderedQuery.of(
            dsl,
            dsl.select(FAILED_ATTEMPT.fields())
                .from(FAILED_ATTEMPT)
                .where(FAILED_ATTEMPT.KEY_KIND.eq(DSL.param("kind", String.class)))
                .and(FAILED_ATTEMPT.KEY_VALUE.eq(DSL.param("value", String.class)))
                .forUpdate());
  }

  @Override
  public List<ThrottleState> find(Collection<ThrottleKey> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      return List.of();
    }
    // One primary-key look-up per key, in one statement; an OR of them would scan the table.
    Select<FailedAttemptRecord> lookUps =
        keys.stream()
            .<Select<FailedAttemptRecord>>map(key -> dsl.selectFrom(FAILED_ATTEMPT).where(is(key)))
            .reduce(Select::unionAll)
            .orElseThrow();
    return guard(
        "reading failed attempts", () -> dsl.fetch(lookUps).map(JooqFailedAttempts::state));
  }

  /**
   * Counts in one transaction that updates the row (taking its lock) and reads the new count before
   * committing, so concurrent failures of one key are each counted once, in turn. A key without a
   * row gets one by insert; of two racing inserts the loser updates instead.
   */
  @Override
  public int recordFailure(ThrottleKey key, Instant now, Instant forgetBefore) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(forgetBefore, "forgetBefore");
    return guard(
        "counting a failed attempt",
        () -> {
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Integer> counted =
                dsl.transactionResult(
                    configuration -> {
                      DSLContext tx = DSL.using(configuration);
                      int updated =
                          tx.update(FAILED_ATTEMPT)
                              .set(
                                  FAILED_ATTEMPT.FAILURES,
                                  DSL.when(
                                          FAILED_ATTEMPT.LAST_FAILURE_AT.lt(toColumn(forgetBefore)),
                                          DSL.inline(1))
                                      .otherwise(FAILED_ATTEMPT.FAILURES.plus(1)))
                              .set(FAILED_ATTEMPT.LAST_FAILURE_AT, toColumn(now))
                              .where(is(key))
                              .execute();
                      return updated == 0
                          ? Optional.<Integer>empty()
                          : Optional.of(
                              tx.select(FAILED_ATTEMPT.FAILURES)
                                  .from(FAILED_ATTEMPT)
                                  .where(is(key))
                                  .fetchSingle(FAILED_ATTEMPT.FAILURES));
                    });
            if (counted.isPresent()) {
              return counted.get();
            }
            try {
              dsl.insertInto(FAILED_ATTEMPT)
                  .set(FAILED_ATTEMPT.KEY_KIND, key.kind().name())
                  .set(FAILED_ATTEMPT.KEY_VALUE, key.value())
                  .set(FAILED_ATTEMPT.FAILURES, 1)
                  .set(FAILED_ATTEMPT.LAST_FAILURE_AT, toColumn(now))
                  .execute();
              return 1;
            } catch (DataAccessException e) {
              if (!SqlErrors.isUniqueViolation(e) || unitOfWork.running()) {
                throw e;
              }
            }
          }
          throw new IllegalStateException("A failed attempt could not be counted; try again.");
        });
  }

  /**
   * Changes in one transaction that reads each key's row with {@code FOR UPDATE}, so that
   * concurrent changes of a key wait for each other and each sees the one before; the rows are
   * locked in one order, by kind and value, so that two changes of the same keys never wait for
   * each other crosswise. A key without a row has nothing to lock: of two transactions inserting
   * it, the loser starts again and then finds it; so does one that the database rolled back for a
   * deadlock with the purge of stale attempts. Inside a unit of work, which holds the rows until it
   * ends, the whole unit starts again instead.
   */
  @Override
  public List<Optional<ThrottleState>> update(
      List<ThrottleKey> keys, UnaryOperator<List<Optional<ThrottleState>>> change) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(change, "change");
    if (Set.copyOf(keys).size() != keys.size()) {
      throw new IllegalArgumentException("Each key is changed once.");
    }
    List<Integer> lockOrder =
        IntStream.range(0, keys.size())
            .boxed()
            .sorted(
                Comparator.comparing((Integer i) -> keys.get(i).kind())
                    .thenComparing(i -> keys.get(i).value()))
            .toList();
    return guard(
        "changing failed attempts",
        () -> {
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
              return dsl.transactionResult(
                  configuration -> {
                    DSLContext tx = DSL.using(configuration);
                    List<Optional<ThrottleState>> before =
                        new ArrayList<>(Collections.nCopies(keys.size(), Optional.empty()));
                    for (int i : lockOrder) {
                      ThrottleKey key = keys.get(i);
                      before.set(
                          i,
                          lockedByKey
                              .fetchOptional(tx, key.kind().name(), key.value())
                              .map(JooqFailedAttempts::state));
                    }
                    List<Optional<ThrottleState>> after = change.apply(List.copyOf(before));
                    if (after.size() != keys.size()) {
                      throw new IllegalArgumentException("A change answers one state per key.");
                    }
                    for (int i : lockOrder) {
                      write(tx, keys.get(i), before.get(i), after.get(i));
                    }
                    return List.copyOf(before);
                  });
            } catch (DataAccessException e) {
              // The purge of stale attempts deletes rows in no order of its own, so it can
              // deadlock with a change that holds one key's row and waits for another's.
              if (!SqlErrors.isLostToOtherWork(e) || unitOfWork.running()) {
                throw e;
              }
            }
          }
          throw new IllegalStateException("Failed attempts could not be changed; try again.");
        });
  }

  private static void write(
      DSLContext tx,
      ThrottleKey key,
      Optional<ThrottleState> before,
      Optional<ThrottleState> after) {
    if (after.isEmpty()) {
      if (before.isPresent()) {
        tx.deleteFrom(FAILED_ATTEMPT).where(is(key)).execute();
      }
      return;
    }
    ThrottleState state = after.get();
    if (!state.key().equals(key)) {
      throw new IllegalArgumentException("A change keeps the key it changes.");
    }
    if (before.equals(after)) {
      return;
    }
    var lockedUntil = state.lockedUntil().map(Timestamps::toColumn).orElse(null);
    if (before.isPresent()) {
      tx.update(FAILED_ATTEMPT)
          .set(FAILED_ATTEMPT.FAILURES, state.failures())
          .set(FAILED_ATTEMPT.LAST_FAILURE_AT, toColumn(state.lastFailureAt()))
          .set(FAILED_ATTEMPT.LOCKED_UNTIL, lockedUntil)
          .where(is(key))
          .execute();
    } else {
      tx.insertInto(FAILED_ATTEMPT)
          .set(FAILED_ATTEMPT.KEY_KIND, key.kind().name())
          .set(FAILED_ATTEMPT.KEY_VALUE, key.value())
          .set(FAILED_ATTEMPT.FAILURES, state.failures())
          .set(FAILED_ATTEMPT.LAST_FAILURE_AT, toColumn(state.lastFailureAt()))
          .set(FAILED_ATTEMPT.LOCKED_UNTIL, lockedUntil)
          .execute();
    }
  }

  @Override
  public void lockUntil(ThrottleKey key, Instant until) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(until, "until");
    guardRun(
        "locking a throttled key",
        () ->
            dsl.update(FAILED_ATTEMPT)
                .set(FAILED_ATTEMPT.LOCKED_UNTIL, toColumn(until))
                .where(is(key))
                .execute());
  }

  @Override
  public void clear(ThrottleKey key) {
    Objects.requireNonNull(key, "key");
    guardRun(
        "clearing failed attempts", () -> dsl.deleteFrom(FAILED_ATTEMPT).where(is(key)).execute());
  }

  @Override
  public Page<ThrottleState> list(Instant since, PageRequest page) {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(page, "page");
    Condition recent = FAILED_ATTEMPT.LAST_FAILURE_AT.ge(toColumn(since));
    return guard(
        "listing failed attempts",
        () -> {
          long total = dsl.fetchCount(FAILED_ATTEMPT, recent);
          List<ThrottleState> items =
              total <= page.offset()
                  ? List.of()
                  : dsl.selectFrom(FAILED_ATTEMPT)
                      .where(recent)
                      .orderBy(
                          FAILED_ATTEMPT.LAST_FAILURE_AT.desc(),
                          FAILED_ATTEMPT.KEY_KIND,
                          FAILED_ATTEMPT.KEY_VALUE)
                      .limit(page.size())
                      .offset(page.offset())
                      .fetch(JooqFailedAttempts::state);
          return new Page<>(items, page, total);
        });
  }

  @Override
  public int deleteStale(Instant before) {
    Objects.requireNonNull(before, "before");
    return guard(
        "forgetting stale failed attempts",
        () -> {
          for (int attempt = 1; ; attempt++) {
            try {
              return dsl.deleteFrom(FAILED_ATTEMPT)
                  .where(FAILED_ATTEMPT.LAST_FAILURE_AT.lt(toColumn(before)))
                  .and(
                      FAILED_ATTEMPT
                          .LOCKED_UNTIL
                          .isNull()
                          .or(FAILED_ATTEMPT.LOCKED_UNTIL.le(toColumn(before))))
                  .execute();
            } catch (DataAccessException e) {
              // Deleting in no order of its own, the purge can be the one a deadlock with a
              // change of several keys rolls back; it is one statement, so it simply runs again.
              if (attempt == ATTEMPTS || !SqlErrors.isConflictRollback(e) || unitOfWork.running()) {
                throw e;
              }
            }
          }
        });
  }

  private static Condition is(ThrottleKey key) {
    return FAILED_ATTEMPT
        .KEY_KIND
        .eq(key.kind().name())
        .and(FAILED_ATTEMPT.KEY_VALUE.eq(key.value()));
  }

  private static ThrottleState state(Record r) {
    return new ThrottleState(
        new ThrottleKey(
            ThrottleKey.Kind.valueOf(r.get(FAILED_ATTEMPT.KEY_KIND)),
            r.get(FAILED_ATTEMPT.KEY_VALUE)),
        r.get(FAILED_ATTEMPT.FAILURES),
        fromColumn(r.get(FAILED_ATTEMPT.LAST_FAILURE_AT)),
        Optional.ofNullable(r.get(FAILED_ATTEMPT.LOCKED_UNTIL)).map(Timestamps::fromColumn));
  }
}
