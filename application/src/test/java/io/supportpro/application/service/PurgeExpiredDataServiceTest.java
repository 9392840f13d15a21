package io.supportpro.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.PasswordResetLink;
import io.supportpro.application.port.out.PendingSignIn;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryKnownBrowsers;
import io.supportpro.application.testing.InMemoryPasswordResetLinks;
import io.supportpro.application.testing.InMemoryPendingSignIns;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.Sha256;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.ResetToken;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PurgeExpiredDataServiceTest {
  private static final Duration RETENTION = Duration.ofDays(400);
  private final MutableClock clock = MutableClock.atStart();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryFailedAttempts attempts = new InMemoryFailedAttempts();
  private final InMemoryKnownBrowsers browsers = new InMemoryKnownBrowsers();
  private final InMemoryPendingSignIns pending = new InMemoryPendingSignIns();
  private final InMemoryPasswordResetLinks links = new InMemoryPasswordResetLinks(id -> true);
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final PurgeExpiredDataService service =
      new PurgeExpiredDataService(
          sessions,
          pending,
          links,
          attempts,
          browsers,
          audit,
          SessionTimeouts.DEFAULT,
          ThrottlePolicy.DEFAULT,
          RETENTION,
          clock);
  private final OperatorId operator = OperatorId.random();

  /** A session begun {@code age} ago and last seen {@code idle} ago. */
  private Session session(SecondFactor factor, Duration age, Duration idle) {
    Instant now = clock.now();
    Session begun = Session.begin(SessionToken.random(), operator, factor, now.minus(age));
    Session stored =
        new Session(
            begun.key(),
            operator,
            begun.stage(),
            factor,
            begun.csrfToken(),
            now.minus(age),
            now.minus(idle));
    sessions.create(stored);
    return stored;
  }

  private Session signedIn(Duration age, Duration idle) {
    return session(SecondFactor.NONE, age, idle);
  }

  private void failedAgo(ThrottleKey key, Duration ago) {
    Instant at = clock.now().minus(ago);
    attempts.recordFailure(key, at, at.minus(Duration.ofHours(1)));
  }

  private List<ThrottleKey> remainingKeys() {
    return attempts.list(Instant.EPOCH, new PageRequest(1, 100)).items().stream()
        .map(ThrottleState::key)
        .toList();
  }

  @Test
  void purge_nothingToDo() {
    assertThat(service.purge()).isZero();
  }

  @Test
  void purge_keepsLiveSessions() {
    Session fresh = signedIn(Duration.ofMinutes(1), Duration.ZERO);
    Session busy = signedIn(Duration.ofHours(11), Duration.ofMinutes(29));

    assertThat(service.purge()).isZero();
    assertThat(sessions.find(fresh.key())).contains(fresh);
    assertThat(sessions.find(busy.key())).contains(busy);
  }

  @Test
  void purge_deletesSessionsIdleForLongerThanTheIdleTimeout() {
    Session idle = signedIn(Duration.ofHours(1), Duration.ofMinutes(31));

    assertThat(service.purge()).isEqualTo(1);
    assertThat(sessions.find(idle.key())).isEmpty();
  }

  @Test
  void purge_deletesSessionsOlderThanTheAbsoluteTimeoutHoweverActive() {
    Session old = signedIn(Duration.ofHours(12).plusSeconds(1), Duration.ZERO);

    assertThat(service.purge()).isEqualTo(1);
    assertThat(sessions.find(old.key())).isEmpty();
  }

  @Test
  void purge_keepsSessionsRightAtTheCutOffs() {
    signedIn(Duration.ofHours(12), Duration.ZERO);
    signedIn(Duration.ofHours(1), Duration.ofMinutes(30));

    assertThat(service.purge()).isZero();
    assertThat(sessions.size()).isEqualTo(2);
  }

  @Test
  void purge_deletesHalfSignedInSessionsOnceTheyAreIdleTooLong() {
    Session abandoned = session(SecondFactor.TOTP, Duration.ofMinutes(31), Duration.ofMinutes(31));
    Session recent =
        session(
            SecondFactor.prompt(FakePromptPlugin.ID), Duration.ofMinutes(5), Duration.ofMinutes(5));

    assertThat(service.purge()).isEqualTo(1);
    assertThat(sessions.find(abandoned.key())).isEmpty();
    assertThat(sessions.find(recent.key())).isPresent();
  }

  private PendingSignIn pendingSince(Duration ago) {
    Session waiting =
        session(SecondFactor.prompt(FakePromptPlugin.ID), Duration.ZERO, Duration.ZERO);
    var signIn =
        new PendingSignIn(
            Sha256.hex(SessionToken.randomText()),
            FakePromptPlugin.ID,
            waiting.key(),
            operator,
            "ada",
            "/",
            clock.now().minus(ago));
    pending.create(signIn);
    return signIn;
  }

  @Test
  void purge_deletesPendingSignInsOnceTheBrowserCanNoLongerComeBack() {
    PendingSignIn expired = pendingSince(PromptSignInService.STATE_LIFETIME.plusSeconds(1));
    PendingSignIn edge = pendingSince(PromptSignInService.STATE_LIFETIME);
    PendingSignIn recent = pendingSince(PromptSignInService.STATE_LIFETIME.minusSeconds(1));

    assertThat(service.purge()).isEqualTo(1);

    assertThat(pending.take(expired.stateHash())).isEmpty();
    assertThat(pending.take(edge.stateHash())).contains(edge);
    assertThat(pending.take(recent.stateHash())).contains(recent);
  }

  @Test
  void purge_deletesPasswordResetLinksOnceExpired() {
    Instant now = clock.now();
    Duration lifetime = ForgottenPasswordService.LINK_LIFETIME;
    var expired =
        new PasswordResetLink(
            ResetToken.random().hash(),
            operator,
            now.minus(lifetime).minusSeconds(1),
            now.minusSeconds(1),
            Optional.empty());
    // Another operator's: a new link of the same operator would replace the expired one.
    var live =
        new PasswordResetLink(
            ResetToken.random().hash(),
            OperatorId.random(),
            now,
            now.plus(lifetime),
            Optional.empty());
    links.replace(expired);
    links.replace(live);

    assertThat(service.purge()).isEqualTo(1);

    assertThat(links.find(expired.tokenHash())).isEmpty();
    assertThat(links.find(live.tokenHash())).isPresent();
  }

  @Test
  void purge_deletesFailureCountsOlderThanTheWindow() {
    failedAgo(ThrottleKey.account("stale"), Duration.ofHours(1).plusSeconds(1));
    failedAgo(ThrottleKey.account("recent"), Duration.ofMinutes(59));
    failedAgo(ThrottleKey.address("192.0.2.10"), Duration.ofHours(2));

    assertThat(service.purge()).isEqualTo(2);
    assertThat(remainingKeys()).containsExactly(ThrottleKey.account("recent"));
  }

  @Test
  void purge_keepsAFailureCountRightAtTheWindow() {
    failedAgo(ThrottleKey.account("edge"), Duration.ofHours(1));

    assertThat(service.purge()).isZero();
    assertThat(remainingKeys()).containsExactly(ThrottleKey.account("edge"));
  }

  @Test
  void purge_countsSessionsAndFailureCountsTogether() {
    signedIn(Duration.ofHours(13), Duration.ofHours(13));
    signedIn(Duration.ofHours(2), Duration.ofHours(1));
    signedIn(Duration.ofMinutes(2), Duration.ofMinutes(1));
    failedAgo(ThrottleKey.account("stale"), Duration.ofHours(3));
    failedAgo(ThrottleKey.account("recent"), Duration.ofMinutes(3));

    assertThat(service.purge()).isEqualTo(3);
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(remainingKeys()).containsExactly(ThrottleKey.account("recent"));
  }

  @Test
  void purge_aSecondRunFindsNothingMore() {
    signedIn(Duration.ofHours(13), Duration.ofHours(13));
    failedAgo(ThrottleKey.account("stale"), Duration.ofHours(3));
    service.purge();

    assertThat(service.purge()).isZero();
  }

  @Test
  void purge_usesTheClockOfTheMomentItRuns() {
    Session session = signedIn(Duration.ZERO, Duration.ZERO);
    failedAgo(ThrottleKey.account("ada"), Duration.ZERO);
    assertThat(service.purge()).isZero();

    clock.advance(Duration.ofHours(2));

    assertThat(service.purge()).isEqualTo(2);
    assertThat(sessions.find(session.key())).isEmpty();
  }

  private void auditedAgo(Duration ago, String subject) {
    audit.append(
        AuditEvent.of(
            clock.now().minus(ago), AuditEventType.SIGN_IN_FAILED, Actor.system("x"), subject));
  }

  private List<String> auditedSubjects() {
    return audit.all().stream().map(AuditEvent::subject).toList();
  }

  @Test
  void purge_deletesAuditEntriesOfTheDaysOlderThanTheRetentionAndSaysSo() {
    Instant midnight = clock.now().truncatedTo(ChronoUnit.DAYS);
    clock.advance(Duration.between(clock.now(), midnight.plus(Duration.ofHours(10))));
    auditedAgo(Duration.ofDays(401), "old");
    auditedAgo(Duration.ofDays(400).plusHours(11), "before the day of the cut-off");
    auditedAgo(Duration.ofDays(400).plusHours(9), "on the day of the cut-off");
    auditedAgo(Duration.ofDays(1), "recent");

    assertThat(service.purge()).isEqualTo(2);

    assertThat(auditedSubjects())
        .containsExactly("on the day of the cut-off", "recent", "")
        .hasSize(3);
    AuditEvent purged = audit.all().getLast();
    assertThat(purged.type()).isEqualTo(AuditEventType.AUDIT_LOG_PURGED);
    assertThat(purged.actor()).isEqualTo(Actor.system("retention"));
    assertThat(purged.details())
        .containsEntry("deleted", "2")
        .containsEntry("older_than", midnight.minus(RETENTION).toString())
        .containsEntry("retention_days", "400");
  }

  @Test
  void purge_recordsNothingWhenNoAuditEntryIsOldEnough() {
    auditedAgo(Duration.ofDays(399), "kept");

    assertThat(service.purge()).isZero();
    assertThat(service.purge()).isZero();

    assertThat(auditedSubjects()).containsExactly("kept");
  }

  @Test
  void purge_deletesTheAuditEntriesOfADayOnceSoTheLogSaysSoOnceADay() {
    auditedAgo(Duration.ofDays(402), "old");
    service.purge();
    clock.advance(Duration.ofMinutes(5));

    service.purge();

    assertThat(audit.all()).filteredOn(e -> e.type() == AuditEventType.AUDIT_LOG_PURGED).hasSize(1);
  }

  @Test
  void purge_deletesTheAuditLogInBatchesUntilNoneIsLeft() {
    int old = 2 * PurgeExpiredDataService.AUDIT_DELETE_BATCH + 1;
    for (int i = 0; i < old; i++) {
      auditedAgo(Duration.ofDays(402), "old");
    }

    assertThat(service.purge()).isEqualTo(old);

    assertThat(audit.all())
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("deleted", Integer.toString(old)));
  }

  @Test
  void purge_recordsTheAuditEntriesDeletedBeforeALaterBatchFailed() {
    for (int i = 0; i < PurgeExpiredDataService.AUDIT_DELETE_BATCH + 5; i++) {
      auditedAgo(Duration.ofDays(402), "old");
    }
    AtomicInteger deletes = new AtomicInteger();
    AuditLog failingLater =
        new AuditLog() {
          @Override
          public void append(AuditEvent event) {
            audit.append(event);
          }

          @Override
          public void appendOrCount(AuditEvent event, RepeatKey repeat) {
            audit.appendOrCount(event, repeat);
          }

          @Override
          public AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit) {
            return audit.query(filter, olderThan, limit);
          }

          @Override
          public long forEachMatching(AuditFilter filter, Consumer<RecordedAuditEvent> each) {
            return audit.forEachMatching(filter, each);
          }

          @Override
          public int deleteBefore(Instant before, int atMost) {
            if (deletes.incrementAndGet() > 1) {
              throw new IllegalStateException("the database went away");
            }
            return audit.deleteBefore(before, atMost);
          }
        };
    var purge =
        new PurgeExpiredDataService(
            sessions,
            pending,
            links,
            attempts,
            browsers,
            failingLater,
            SessionTimeouts.DEFAULT,
            ThrottlePolicy.DEFAULT,
            RETENTION,
            clock);

    assertThatIllegalStateException().isThrownBy(purge::purge);

    assertThat(audit.all())
        .filteredOn(e -> e.type() == AuditEventType.AUDIT_LOG_PURGED)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details())
                    .containsEntry(
                        "deleted", Integer.toString(PurgeExpiredDataService.AUDIT_DELETE_BATCH)));
  }

  @Test
  void construction_refusesARetentionShorterThanADay() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new PurgeExpiredDataService(
                    sessions,
                    pending,
                    links,
                    attempts,
                    browsers,
                    audit,
                    SessionTimeouts.DEFAULT,
                    ThrottlePolicy.DEFAULT,
                    Duration.ofHours(23),
                    clock));
  }

  @Test
  void purge_forgetsBrowsersNotSignedInFromForLong() {
    Instant now = clock.now();
    browsers.remember(
        operator, "a".repeat(64), now.minus(KnownBrowserService.FORGET_AFTER).minusSeconds(1), 20);
    browsers.remember(operator, "b".repeat(64), now.minus(Duration.ofDays(1)), 20);

    assertThat(service.purge()).isEqualTo(1);

    assertThat(browsers.remember(operator, "a".repeat(64), now, 20)).isTrue();
    assertThat(browsers.remember(operator, "b".repeat(64), now, 20)).isFalse();
  }
}
