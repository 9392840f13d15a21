package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.PurgeExpiredDataUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.KnownBrowsers;
import io.supportpro.application.port.out.PasswordResetLinks;
import io.supportpro.application.port.out.PendingSignIns;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Deletes expired sessions, abandoned second-factor sign-ins, expired password reset links,
 * forgotten failure counts and browsers not signed in from for long, so that those tables stay
 * small, and audit entries older than their retention, saying so in the log.
 */
public final class PurgeExpiredDataService implements PurgeExpiredDataUseCase {
  /**
   * The most audit entries one step deletes. Each step is a transaction of its own, so a first
   * purge of millions of entries is many short ones rather than one that holds every row.
   */
  static final int AUDIT_DELETE_BATCH = 10_000;

  private final SessionStore sessions;
  private final PendingSignIns pendingSignIns;
  private final PasswordResetLinks resetLinks;
  private final FailedAttempts failedAttempts;
  private final KnownBrowsers knownBrowsers;
  private final AuditLog audit;
  private final SessionTimeouts timeouts;
  private final ThrottlePolicy throttlePolicy;
  private final Duration auditRetention;
  private final Clock clock;

  public PurgeExpiredDataService(
      SessionStore sessions,
      PendingSignIns pendingSignIns,
      PasswordResetLinks resetLinks,
      FailedAttempts failedAttempts,
      KnownBrowsers knownBrowsers,
      AuditLog audit,
      SessionTimeouts timeouts,
      ThrottlePolicy throttlePolicy,
      Duration auditRetention,
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.pendingSignIns = requireNonNull(pendingSignIns, "pendingSignIns");
    this.resetLinks = requireNonNull(resetLinks, "resetLinks");
    this.failedAttempts = requireNonNull(failedAttempts, "failedAttempts");
    this.knownBrowsers = requireNonNull(knownBrowsers, "knownBrowsers");
    this.audit = requireNonNull(audit, "audit");
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.throttlePolicy = requireNonNull(throttlePolicy, "throttlePolicy");
    this.auditRetention = requireNonNull(auditRetention, "auditRetention");
    if (auditRetention.toDays() < 1) {
      throw new IllegalArgumentException("Audit entries are kept for at least a day.");
    }
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public int purge() {
    Instant now = clock.now();
    // Half-signed-in sessions never update their last-seen time, so the idle cut-off also
    // removes them (resume refuses them much earlier).
    int sessionsGone =
        sessions.deleteExpired(now.minus(timeouts.absolute()), now.minus(timeouts.idle()));
    int signInsGone =
        pendingSignIns.deleteCreatedBefore(now.minus(PromptSignInService.STATE_LIFETIME));
    return sessionsGone
        + signInsGone
        + resetLinks.deleteExpiredBefore(now)
        + failedAttempts.deleteStale(throttlePolicy.forgetBefore(now))
        + knownBrowsers.forgetUnseenSince(now.minus(KnownBrowserService.FORGET_AFTER))
        + purgeAuditLog(now);
  }

  /**
   * Deletes the audit entries of the days (UTC) that are wholly older than the retention, in
   * batches, and records how many went, even when a later batch fails. Cutting at the start of a
   * day deletes once a day, so the log gains one such entry a day rather than one every few
   * minutes.
   */
  private int purgeAuditLog(Instant now) {
    Instant before = now.minus(auditRetention).truncatedTo(ChronoUnit.DAYS);
    int deleted = 0;
    try {
      int batch;
      do {
        batch = audit.deleteBefore(before, AUDIT_DELETE_BATCH);
        deleted += batch;
      } while (batch == AUDIT_DELETE_BATCH);
    } finally {
      recordPurge(now, before, deleted);
    }
    return deleted;
  }

  private void recordPurge(Instant now, Instant before, int deleted) {
    if (deleted > 0) {
      audit.append(
          new AuditEvent(
              now,
              AuditEventType.AUDIT_LOG_PURGED,
              Actor.system("retention"),
              "",
              Map.of(
                  "deleted",
                  Integer.toString(deleted),
                  "older_than",
                  before.toString(),
                  "retention_days",
                  Long.toString(auditRetention.toDays()))));
    }
  }
}
