package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.operator.OperatorId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} must do. */
public abstract class AuditLogContract {
  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final OperatorId ADMIN = OperatorId.random();
  private static final OperatorId ALICE = OperatorId.random();

  private AuditLog log;

  /** A log with no events. */
  protected abstract AuditLog emptyLog();

  @BeforeEach
  void setUp() {
    log = emptyLog();
  }

  private static AuditEvent event(
      int minute, AuditEventType type, OperatorId actor, String subject) {
    return new AuditEvent(
        T0.plusSeconds(60L * minute),
        type,
        Actor.operator(actor, "user-" + minute, "192.0.2." + minute),
        subject,
        Map.of("minute", Integer.toString(minute)));
  }

  private static List<Integer> minutes(AuditPage page) {
    return page.events().stream()
        .map(RecordedAuditEvent::event)
        .map(e -> Integer.parseInt(e.details().get("minute")))
        .toList();
  }

  @Test
  void append_thenQueryReturnsTheEventAsWritten() {
    var event =
        new AuditEvent(
            T0,
            AuditEventType.PLUGIN_SETTINGS_CHANGED,
            Actor.operator(ADMIN, "root", "2001:db8::1"),
            "sso-prompt",
            Map.of("client_id", "CLIENTXXXXXXXXXXXXXX", "note", "ünïcödé <b>&'\""));
    log.append(event);
    log.append(AuditEvent.of(T0, AuditEventType.SIGN_IN_FAILED, Actor.anonymous("x", "::1"), ""));

    RecordedAuditEvent stored = log.query(AuditFilter.ALL, Optional.empty(), 10).events().get(1);

    assertThat(stored.event()).isEqualTo(event);
  }

  @Test
  void query_newestFirstInPagesByPosition() {
    for (int minute = 1; minute <= 5; minute++) {
      log.append(event(minute, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ALICE.toString()));
    }

    AuditPage first = log.query(AuditFilter.ALL, Optional.empty(), 2);
    AuditPage second = log.query(AuditFilter.ALL, first.olderThan(), 2);
    AuditPage third = log.query(AuditFilter.ALL, second.olderThan(), 2);

    assertThat(minutes(first)).containsExactly(5, 4);
    assertThat(minutes(second)).containsExactly(3, 2);
    assertThat(minutes(third)).containsExactly(1);
    assertThat(third.olderThan()).isEmpty();
    assertThat(first.events().get(0).position()).isGreaterThan(first.events().get(1).position());
  }

  @Test
  void query_newestFirstByTimeThenPositionInPagesThatMissNoEntry() {
    log.append(event(2, AuditEventType.PASSWORD_ACCEPTED, ALICE, ALICE.toString()));
    // Recorded after the entry above, but happened before it.
    log.append(event(1, AuditEventType.SIGN_IN_FAILED, ADMIN, ALICE.toString()));
    log.append(event(3, AuditEventType.SIGNED_OUT, ALICE, ALICE.toString()));
    log.append(event(3, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ALICE.toString()));
    List<AuditEventType> newestFirst =
        List.of(
            AuditEventType.SIGN_IN_SUCCEEDED,
            AuditEventType.SIGNED_OUT,
            AuditEventType.PASSWORD_ACCEPTED,
            AuditEventType.SIGN_IN_FAILED);
    var byOperator =
        new AuditFilter(Optional.of(ALICE), Optional.empty(), Optional.empty(), Optional.empty());

    List<AuditEventType> exported = new ArrayList<>();
    log.forEachMatching(AuditFilter.ALL, entry -> exported.add(entry.event().type()));

    assertThat(typesPageByPage(AuditFilter.ALL)).isEqualTo(newestFirst);
    assertThat(typesPageByPage(byOperator)).isEqualTo(newestFirst);
    assertThat(exported).isEqualTo(newestFirst);
  }

  private List<AuditEventType> typesPageByPage(AuditFilter filter) {
    List<AuditEventType> types = new ArrayList<>();
    Optional<Long> olderThan = Optional.empty();
    do {
      AuditPage page = log.query(filter, olderThan, 1);
      page.events().forEach(entry -> types.add(entry.event().type()));
      olderThan = page.olderThan();
    } while (olderThan.isPresent());
    return types;
  }

  @Test
  void query_beforeAPositionNoEntryHasFindsNothing() {
    log.append(event(1, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));
    long position = log.query(AuditFilter.ALL, Optional.empty(), 1).events().getFirst().position();

    AuditPage page = log.query(AuditFilter.ALL, Optional.of(position + 1000), 10);

    assertThat(page.events()).isEmpty();
    assertThat(page.olderThan()).isEmpty();
  }

  @Test
  void query_aFullLastPageSaysNothingOlderRemains() {
    log.append(event(1, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));
    log.append(event(2, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));

    assertThat(log.query(AuditFilter.ALL, Optional.empty(), 2).olderThan()).isEmpty();
  }

  @Test
  void query_filtersByTypeOperatorAndTimeRange() {
    log.append(event(1, AuditEventType.OPERATOR_CREATED, ADMIN, ALICE.toString()));
    log.append(event(2, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ALICE.toString()));
    log.append(event(3, AuditEventType.PLUGIN_INSTALLED, ADMIN, "sso-prompt"));
    log.append(event(4, AuditEventType.SIGN_IN_SUCCEEDED, ADMIN, ADMIN.toString()));

    var byType =
        new AuditFilter(
            Optional.empty(),
            Optional.of(AuditEventType.SIGN_IN_SUCCEEDED),
            Optional.empty(),
            Optional.empty());
    var byOperator =
        new AuditFilter(Optional.of(ALICE), Optional.empty(), Optional.empty(), Optional.empty());
    var byRange =
        new AuditFilter(
            Optional.empty(),
            Optional.empty(),
            Optional.of(T0.plusSeconds(120)),
            Optional.of(T0.plusSeconds(240)));

    assertThat(minutes(log.query(byType, Optional.empty(), 10))).containsExactly(4, 2);
    assertThat(minutes(log.query(byOperator, Optional.empty(), 10))).containsExactly(2, 1);
    assertThat(minutes(log.query(byRange, Optional.empty(), 10))).containsExactly(3, 2);
  }

  private static AuditEvent refusal(Instant at, String address) {
    return new AuditEvent(
        at,
        AuditEventType.SIGN_IN_THROTTLED,
        Actor.anonymous("alice", address),
        "",
        Map.of("locked", "account"));
  }

  private List<RecordedAuditEvent> entries() {
    return log.query(AuditFilter.ALL, Optional.empty(), 100).events();
  }

  @Test
  void appendOrCount_repeatsOfOneKeyAreOneEntryWithTheFirstEventTheirCountAndLastTime() {
    RepeatKey key = RepeatKey.of("account:alice", T0, Duration.ofHours(1));
    AuditEvent first = refusal(T0, "192.0.2.1");

    log.appendOrCount(first, key);
    log.appendOrCount(refusal(T0.plusSeconds(90), "192.0.2.2"), key);
    log.appendOrCount(refusal(T0.plusSeconds(30), "192.0.2.3"), key);

    assertThat(entries()).hasSize(1);
    RecordedAuditEvent entry = entries().getFirst();
    assertThat(entry.event()).isEqualTo(first);
    assertThat(entry.occurrences()).isEqualTo(3);
    assertThat(entry.lastOccurredAt()).isEqualTo(T0.plusSeconds(90));
  }

  @Test
  void appendOrCount_anotherKeyWindowOrTypeStartsAnotherEntry() {
    Duration hour = Duration.ofHours(1);
    log.appendOrCount(refusal(T0, "::1"), RepeatKey.of("account:alice", T0, hour));
    log.appendOrCount(refusal(T0, "::1"), RepeatKey.of("account:bob", T0, hour));
    Instant nextHour = T0.plus(hour);
    log.appendOrCount(refusal(nextHour, "::1"), RepeatKey.of("account:alice", nextHour, hour));
    log.appendOrCount(
        AuditEvent.of(T0, AuditEventType.SECOND_FACTOR_THROTTLED, Actor.anonymous("", "::1"), ""),
        RepeatKey.of("account:alice", T0, hour));
    log.append(refusal(T0, "::1"));

    assertThat(entries()).hasSize(5).allSatisfy(e -> assertThat(e.occurrences()).isOne());
  }

  @Test
  void appendOrCount_racingRepeatsOfOneKeyMakeOneEntryAndCountEveryOne() throws Exception {
    int threads = 6;
    int each = 20;
    RepeatKey key = RepeatKey.of("address:192.0.2.7", T0, Duration.ofHours(1));
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        running.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < each; i++) {
                    log.appendOrCount(refusal(T0.plusMillis(thread * each + i), "::1"), key);
                  }
                  return null;
                }));
      }
      for (Future<?> thread : running) {
        thread.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(entries()).hasSize(1);
    assertThat(entries().getFirst().occurrences()).isEqualTo(threads * each);
    assertThat(entries().getFirst().lastOccurredAt()).isEqualTo(T0.plusMillis(threads * each - 1));
  }

  @Test
  void query_anEventAppendedOnceHappenedOnceAtItsOwnTime() {
    log.append(event(1, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));

    RecordedAuditEvent entry = entries().getFirst();
    assertThat(entry.occurrences()).isOne();
    assertThat(entry.lastOccurredAt()).isEqualTo(entry.event().at());
  }

  @Test
  void deleteBefore_deletesTheEntriesThatBeganBeforeTheInstantOnly() {
    log.append(event(1, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));
    log.appendOrCount(
        refusal(T0.plusSeconds(90), "::1"), RepeatKey.of("account:alice", T0, Duration.ofHours(1)));
    log.append(event(2, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));
    log.append(event(3, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));

    assertThat(log.deleteBefore(T0.plusSeconds(120), 100)).isEqualTo(2);

    assertThat(minutes(log.query(AuditFilter.ALL, Optional.empty(), 10))).containsExactly(3, 2);
    assertThat(log.deleteBefore(T0.plusSeconds(120), 100)).isZero();
  }

  @Test
  void deleteBefore_deletesAtMostTheGivenNumberTheOldestFirst() {
    for (int minute = 5; minute >= 1; minute--) {
      log.append(event(minute, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));
    }

    assertThat(log.deleteBefore(T0.plusSeconds(600), 2)).isEqualTo(2);
    assertThat(minutes(log.query(AuditFilter.ALL, Optional.empty(), 10)))
        .containsExactlyInAnyOrder(5, 4, 3);
    assertThat(log.deleteBefore(T0.plusSeconds(600), 2)).isEqualTo(2);
    assertThat(log.deleteBefore(T0.plusSeconds(600), 2)).isEqualTo(1);
    assertThat(minutes(log.query(AuditFilter.ALL, Optional.empty(), 10))).isEmpty();
  }

  @Test
  void deleteBefore_aDeletedRepeatStartsAgainAsANewEntry() {
    RepeatKey key = RepeatKey.of("account:alice", T0, Duration.ofHours(1));
    log.appendOrCount(refusal(T0, "::1"), key);
    log.appendOrCount(refusal(T0, "::1"), key);

    log.deleteBefore(T0.plusSeconds(1), 100);
    log.appendOrCount(refusal(T0.plusSeconds(2), "::1"), key);

    assertThat(entries()).hasSize(1);
    assertThat(entries().getFirst().occurrences()).isOne();
  }

  private List<Integer> exported(AuditFilter filter) {
    List<RecordedAuditEvent> seen = new ArrayList<>();
    long handed = log.forEachMatching(filter, seen::add);
    assertThat(handed).isEqualTo(seen.size());
    return seen.stream().map(e -> Integer.parseInt(e.event().details().get("minute"))).toList();
  }

  @Test
  void forEachMatching_handsOverEveryMatchNewestFirstWithTheFiltersOfQuery() {
    log.append(event(1, AuditEventType.OPERATOR_CREATED, ADMIN, ALICE.toString()));
    log.append(event(2, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ALICE.toString()));
    log.append(event(3, AuditEventType.PLUGIN_INSTALLED, ADMIN, "sso-prompt"));
    log.append(event(4, AuditEventType.SIGN_IN_SUCCEEDED, ADMIN, ADMIN.toString()));
    log.append(event(5, AuditEventType.SIGN_IN_SUCCEEDED, ADMIN, ALICE.toString()));

    assertThat(exported(AuditFilter.ALL)).containsExactly(5, 4, 3, 2, 1);
    assertThat(
            exported(
                new AuditFilter(
                    Optional.of(ALICE),
                    Optional.of(AuditEventType.SIGN_IN_SUCCEEDED),
                    Optional.empty(),
                    Optional.empty())))
        .containsExactly(5, 2);
    assertThat(
            exported(
                new AuditFilter(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(T0.plusSeconds(120)),
                    Optional.of(T0.plusSeconds(240)))))
        .containsExactly(3, 2);
    assertThat(
            exported(
                new AuditFilter(
                    Optional.empty(),
                    Optional.of(AuditEventType.AUDIT_LOG_PURGED),
                    Optional.empty(),
                    Optional.empty())))
        .isEmpty();
  }

  @Test
  void forEachMatching_keepsTheCountAndLastTimeOfARepeat() {
    RepeatKey key = RepeatKey.of("account:alice", T0, Duration.ofHours(1));
    log.appendOrCount(refusal(T0, "::1"), key);
    log.appendOrCount(refusal(T0.plusSeconds(9), "::1"), key);

    List<RecordedAuditEvent> seen = new ArrayList<>();
    log.forEachMatching(AuditFilter.ALL, seen::add);

    assertThat(seen)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.occurrences()).isEqualTo(2);
              assertThat(entry.lastOccurredAt()).isEqualTo(T0.plusSeconds(9));
            });
  }

  /** A reader that gives up after the first rows (a client that went away) stops the reading. */
  @Test
  void forEachMatching_stopsAtTheFirstExceptionOfTheConsumerAndThrowsItOn() {
    for (int minute = 1; minute <= 50; minute++) {
      log.append(event(minute, AuditEventType.SIGN_IN_SUCCEEDED, ALICE, ""));
    }
    List<RecordedAuditEvent> seen = new ArrayList<>();
    var goneAway = new IllegalStateException("the client went away");

    assertThatThrownBy(
            () ->
                log.forEachMatching(
                    AuditFilter.ALL,
                    entry -> {
                      seen.add(entry);
                      if (seen.size() == 3) {
                        throw goneAway;
                      }
                    }))
        .isSameAs(goneAway);
    assertThat(seen).hasSize(3);
    assertThat(log.query(AuditFilter.ALL, Optional.empty(), 100).events()).hasSize(50);
  }
}
