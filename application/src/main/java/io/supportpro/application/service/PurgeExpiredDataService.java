package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.PurgeExpiredDataUseCase;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.PendingSignIns;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.time.Instant;

/**
 * Deletes expired sessions, abandoned second-factor sign-ins and forgotten failure counts, so that
 * those tables stay small.
 */
public final class PurgeExpiredDataService implements PurgeExpiredDataUseCase {
  private final SessionStore sessions;
  private final PendingSignIns pendingSignIns;
  private final FailedAttempts failedAttempts;
  private final SessionTimeouts timeouts;
  private final ThrottlePolicy throttlePolicy;
  private final Clock clock;

  public PurgeExpiredDataService(
      SessionStore sessions,
      PendingSignIns pendingSignIns,
      FailedAttempts failedAttempts,
      SessionTimeouts timeouts,
      ThrottlePolicy throttlePolicy,
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.pendingSignIns = requireNonNull(pendingSignIns, "pendingSignIns");
    this.failedAttempts = requireNonNull(failedAttempts, "failedAttempts");
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.throttlePolicy = requireNonNull(throttlePolicy, "throttlePolicy");
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
        pendingSignIns.deleteCreatedBefore(now.minus(DuoSignInService.STATE_LIFETIME));
    return sessionsGone
        + signInsGone
        + failedAttempts.deleteStale(throttlePolicy.forgetBefore(now));
  }
}
