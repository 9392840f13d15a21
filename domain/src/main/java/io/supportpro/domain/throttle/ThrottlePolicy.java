package io.supportpro.domain.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

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
}
