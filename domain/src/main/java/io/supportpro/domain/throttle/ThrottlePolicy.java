package io.supportpro.domain.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How failed attempts slow an attacker down: a few are free, then each further failure locks the
 * key for twice as long as the one before, up to a ceiling. Failures are forgotten after a quiet
 * window. Client addresses get a higher allowance, since many people can share one.
 */
public record ThrottlePolicy(
    int freeAccountFailures,
    int freeAddressFailures,
    Duration firstLock,
    Duration maxLock,
    Duration window) {
  /** Five free failures per account, twenty per address; 30 s doubling to 15 min; 1 h window. */
  public static final ThrottlePolicy DEFAULT =
      new ThrottlePolicy(
          5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));

  public ThrottlePolicy {
    Objects.requireNonNull(firstLock, "firstLock");
    Objects.requireNonNull(maxLock, "maxLock");
    Objects.requireNonNull(window, "window");
    if (freeAccountFailures < 1 || freeAddressFailures < 1 || firstLock.compareTo(maxLock) > 0) {
      throw new IllegalArgumentException(
          "A throttle allows some failures and locks for longer later.");
    }
  }

  /** How many failures are free before the key locks. */
  public int freeFailures(ThrottleKey.Kind kind) {
    return kind == ThrottleKey.Kind.ADDRESS ? freeAddressFailures : freeAccountFailures;
  }

  /** How long the key locks after its {@code failures}-th failure (zero while still free). */
  public Duration lockAfter(ThrottleKey.Kind kind, int failures) {
    int beyond = failures - freeFailures(kind);
    if (beyond < 0) {
      return Duration.ZERO;
    }
    Duration lock = firstLock;
    for (int i = 0; i < beyond && lock.compareTo(maxLock) < 0; i++) {
      lock = lock.multipliedBy(2);
    }
    return lock.compareTo(maxLock) > 0 ? maxLock : lock;
  }

  /** Failures before this instant are forgotten when a new one is counted at {@code now}. */
  public Instant forgetBefore(Instant now) {
    return now.minus(window);
  }

  /**
   * The key's state once one more failure is counted at {@code now}: a count whose last failure is
   * older than the window starts again at one, and the failure that reaches the allowance, like
   * each one after it, locks the key.
   */
  public ThrottleState afterFailure(ThrottleKey key, Optional<ThrottleState> current, Instant now) {
    int failures =
        current
            .filter(state -> !state.lastFailureAt().isBefore(forgetBefore(now)))
            .map(state -> state.failures() + 1)
            .orElse(1);
    Duration lock = lockAfter(key.kind(), failures);
    Optional<Instant> lockedUntil =
        lock.isZero() ? current.flatMap(ThrottleState::lockedUntil) : Optional.of(now.plus(lock));
    return new ThrottleState(key, failures, now, lockedUntil);
  }

  /**
   * The key's state once an attempt is counted before it is checked: unchanged while the key is
   * locked (the attempt is refused), otherwise as if the attempt had already failed, so that
   * attempts arriving together are each counted in turn and none runs past the allowance.
   */
  public Optional<ThrottleState> reserve(
      ThrottleKey key, Optional<ThrottleState> current, Instant now) {
    return current.isPresent() && current.get().lockedAt(now)
        ? current
        : Optional.of(afterFailure(key, current, now));
  }
}
