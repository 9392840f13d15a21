package io.supportpro.application.service;

import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.throttle.Reservation;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

  /** An attempt counted against its keys before it is checked, or refused without a check. */
  sealed interface Attempt {
    /** Counted against each key, in the order of the keys; the first key is what is tried. */
    record Granted(List<Reservation> reservations) implements Attempt {
      /** True when this attempt, failing, locked one of its keys. */
      boolean locked(Instant now) {
        return reservations.stream().anyMatch(reservation -> reservation.locks(now));
      }
    }

    /**
     * A key is locked: nothing was counted and nothing may be checked; such refusals share the
     * audit entry of {@code repeats}.
     */
    record Refused(Duration retryAfter, RepeatKey repeats) implements Attempt {}
  }

  /**
   * Counts an attempt against every key before it is checked, each key in one atomic step, so that
   * of attempts arriving together no more are checked than the allowance; while any key is locked,
   * the attempt is refused and nothing is counted.
   */
  Attempt reserve(List<ThrottleKey> keys, Instant now) {
    List<ThrottleState> counted = attempts.find(keys);
    Optional<Duration> locked = lockedFor(counted, now);
    if (locked.isPresent()) {
      return new Attempt.Refused(locked.get(), refusals(counted, now));
    }
    List<Reservation> made = new ArrayList<>();
    for (ThrottleKey key : keys) {
      Optional<ThrottleState> before =
          attempts.update(key, current -> policy.reserve(key, current, now));
      if (before.isPresent() && before.get().lockedAt(now)) {
        // Locked since the look above, by attempts running alongside this one.
        release(made);
        return refused(before.get(), now);
      }
      made.add(new Reservation(before, policy.afterFailure(key, before, now)));
    }
    return new Attempt.Granted(made);
  }

  /**
   * Settles an attempt that turned out right: when nothing was counted against its first key since
   * its reservation, that key's failures are forgotten; otherwise only this attempt is taken back
   * there. It is taken back from the other keys. If failures counted meanwhile locked the first
   * key, it is refused after all (and taken back everywhere).
   */
  Optional<Attempt.Refused> passed(Attempt.Granted attempt, Instant now) {
    Reservation tried = attempt.reservations().getFirst();
    Optional<ThrottleState> seen =
        attempts.update(
            tried.counted().key(),
            current ->
                tried.lockedByOthers(current, now)
                    ? tried.released(current)
                    : tried.passed(current));
    release(attempt.reservations().subList(1, attempt.reservations().size()));
    return tried.lockedByOthers(seen, now)
        ? Optional.of(refused(seen.orElseThrow(), now))
        : Optional.empty();
  }

  /** Takes back an attempt that was not checked after all, leaving what others counted. */
  void takeBack(Attempt.Granted attempt) {
    release(attempt.reservations());
  }

  private Attempt.Refused refused(ThrottleState locked, Instant now) {
    return new Attempt.Refused(
        lockedFor(List.of(locked), now).orElseThrow(), repeats(locked.key(), now));
  }

  private void release(List<Reservation> reservations) {
    for (Reservation reservation : reservations) {
      attempts.update(reservation.counted().key(), reservation::released);
    }
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

  private static Duration roundUpToSecond(Duration duration) {
    long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
