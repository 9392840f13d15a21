package io.supportpro.application.service;

import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Applies the throttle policy to failed attempts, shared by password and code checks. */
final class Throttle {
  private final FailedAttempts attempts;
  private final ThrottlePolicy policy;

  Throttle(FailedAttempts attempts, ThrottlePolicy policy) {
    this.attempts = attempts;
    this.policy = policy;
  }

  /** What is counted against the keys now. */
  List<ThrottleState> states(List<ThrottleKey> keys) {
    return attempts.find(keys);
  }

  /** How long until every one of the states is unlocked, or empty when none is locked. */
  static Optional<Duration> lockedFor(List<ThrottleState> states, Instant now) {
    return states.stream()
        .filter(state -> state.lockedAt(now))
        .map(state -> Duration.between(now, state.lockedUntil().orElseThrow()))
        .max(Duration::compareTo)
        .map(Throttle::roundUpToSecond);
  }

  /** Counts a failure against each key, locking those past their allowance; true if any locked. */
  boolean recordFailure(List<ThrottleKey> keys, Instant now) {
    boolean locked = false;
    for (ThrottleKey key : keys) {
      int failures = attempts.recordFailure(key, now, policy.forgetBefore(now));
      Duration lock = policy.lockAfter(key.kind(), failures);
      if (!lock.isZero()) {
        attempts.lockUntil(key, now.plus(lock));
        locked = true;
      }
    }
    return locked;
  }

  /**
   * The audit entry that repeated refusals while the states are locked share: one per locked key
   * (the account's before the address's, so that names made up from one locked address, or
   * addresses used against one locked account, still count as one) and throttle window.
   */
  RepeatKey refusals(List<ThrottleState> states, Instant now) {
    ThrottleKey locked =
        states.stream()
            .filter(state -> state.lockedAt(now))
            .map(ThrottleState::key)
            .min(Comparator.comparing(ThrottleKey::kind))
            .orElseThrow(() -> new IllegalArgumentException("No key is locked."));
    return repeats(locked, now);
  }

  /** The audit entry that repeated failures counted against the key share in a throttle window. */
  RepeatKey repeats(ThrottleKey key, Instant now) {
    return RepeatKey.of(
        key.kind().name().toLowerCase(Locale.ROOT) + ":" + key.value(), now, policy.window());
  }

  /** Forgets the failures of the key, if any were counted. */
  void clear(List<ThrottleState> states, ThrottleKey key) {
    if (states.stream().anyMatch(state -> state.key().equals(key))) {
      attempts.clear(key);
    }
  }

  private static Duration roundUpToSecond(Duration duration) {
    long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
