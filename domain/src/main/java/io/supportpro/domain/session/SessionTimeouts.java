package io.supportpro.domain.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long sessions live: an idle timeout, an absolute one, and a short one for a session that has
 * passed the password but not yet the second factor.
 */
public record SessionTimeouts(Duration idle, Duration absolute, Duration partial) {
  /** 30 minutes idle, 12 hours in all, 10 minutes to pass the second factor or to enrol. */
  public static final SessionTimeouts DEFAULT =
      new SessionTimeouts(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(10));

  public SessionTimeouts {
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(absolute, "absolute");
    Objects.requireNonNull(partial, "partial");
    if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0) {
      throw new IllegalArgumentException("The idle timeout is positive and at most the absolute.");
    }
    if (partial.isNegative() || partial.isZero()) {
      throw new IllegalArgumentException("The second-factor timeout is positive.");
    }
  }

  /** True when the session can no longer be used at {@code now}. */
  public boolean expired(Session session, Instant now) {
    if (!now.isBefore(session.createdAt().plus(absolute))) {
      return true;
    }
    if (!session.signedIn()) {
      // Counted from creation, never from activity: a half-signed-in session cannot be kept alive.
      return !now.isBefore(session.createdAt().plus(partial));
    }
    return !now.isBefore(session.lastSeenAt().plus(idle));
  }
}
