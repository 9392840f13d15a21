package io.supportpro.application.service;

import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.throttle.Reservation;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

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
   * Counts an attempt against every key before it is checked, all keys in one atomic step, so that
   * of attempts arriving together no more are checked than the allowance; while any key is locked,
   * the attempt is refused and nothing is counted.
   */
  Attempt reserve(List<ThrottleKey> keys, Instant now) {
    List<Optional<ThrottleState>> before =
        attempts.update(
            keys,
            states ->
                lockedFor(present(states), now).isPresent()
                    ? states
                    : each(keys, i -> policy.reserve(keys.get(i), states.get(i), now)));
    List<ThrottleState> counted = present(before);
    Optional<Duration> locked = lockedFor(counted, now);
    if (locked.isPresent()) {
      return new Attempt.Refused(locked.get(), refusals(counted, now));
    }
    return new Attempt.Granted(
        each(
            keys,
            i ->
                new Reservation(
                    before.get(i), policy.afterFailure(keys.get(i), before.get(i), now))));
  }

  /**
   * Settles an attempt that turned out right: when nothing was counted against its first key since
   * its reservation, that key's failures are forgotten; otherwise only this attempt is taken back
   * there. It is taken back from the other keys. If failures counted meanwhile locked the first
   * key, it is refused after all (and taken back everywhere).
   */
  Optional<Attempt.Refused> passed(Attempt.Granted attempt, Instant now) {
    List<Reservation> reservations = attempt.reservations();
    Reservation tried = reservations.getFirst();
    Optional<ThrottleState> seen =
        attempts
            .update(
                keys(reservations),
                states ->
                    each(
                        reservations,
                        i -> {
                          Optional<ThrottleState> current = states.get(i);
                          if (i > 0 || tried.lockedByOthers(current, now)) {
                            return reservations.get(i).released(current);
                          }
                          return tried.passed(current);
                        }))
            .getFirst();
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
    attempts.update(
        keys(reservations),
        states -> each(reservations, i -> reservations.get(i).released(states.get(i))));
  }

  private static List<ThrottleKey> keys(List<Reservation> reservations) {
    return reservations.stream().map(reservation -> reservation.counted().key()).toList();
  }

  /** What {@code each} makes of every position of the list, in order. */
  private static <T> List<T> each(List<?> list, IntFunction<T> each) {
    return IntStream.range(0, list.size()).mapToObj(each).toList();
  }

  private static List<ThrottleState> present(List<Optional<ThrottleState>> states) {
    return states.stream().flatMap(Optional::stream).toList();
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
