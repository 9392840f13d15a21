package io.supportpro.domain.throttle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/** The failures counted against one key, and until when it is locked. */
public record ThrottleState(
    ThrottleKey key, int failures, Instant lastFailureAt, Optional<Instant> lockedUntil) {
  public ThrottleState {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    // Kept to the microsecond, as every store keeps it, so that a state read back equals the state
    // that was written and a change can tell whether anything happened in between.
    lastFailureAt = lastFailureAt.truncatedTo(ChronoUnit.MICROS);
    lockedUntil = lockedUntil.map(until -> until.truncatedTo(ChronoUnit.MICROS));
  }

  /** True when attempts for the key are refused at {@code now}. */
  public boolean lockedAt(Instant now) {
    return lockedUntil.map(now::isBefore).orElse(false);
  }
}
