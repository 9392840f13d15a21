package io.supportpro.domain.throttle;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt counted against a key before it was checked: the key's state before, and the state
 * the attempt left, in which it already counts as a failure. If the attempt then fails nothing more
 * is written; if it turns out right, or is not checked after all, it is taken back.
 */
public record Reservation(Optional<ThrottleState> before, ThrottleState counted) {
  public Reservation {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(counted, "counted");
  }

  /** True when this attempt's failure locked the key. */
  public boolean locks(Instant now) {
    return counted.lockedAt(now) && !before.map(state -> state.lockedAt(now)).orElse(false);
  }

  /** True when {@code current} differs from what this attempt left and is locked at {@code now}. */
  public boolean lockedByOthers(Optional<ThrottleState> current, Instant now) {
    return !current.equals(Optional.of(counted))
        && current.map(state -> state.lockedAt(now)).orElse(false);
  }

  /**
   * The key's state once this attempt is no longer counted: the state before it when nothing was
   * counted since, otherwise one failure fewer, leaving the failures of others as they are.
   */
  public Optional<ThrottleState> released(Optional<ThrottleState> current) {
    if (current.equals(Optional.of(counted))) {
      return before;
    }
    return current.flatMap(Reservation::withoutOne);
  }

  /**
   * The key's state once this attempt turned out right: when nothing was counted since, no failures
   * at all; otherwise only this attempt is taken back, since the failures counted meanwhile are
   * someone else's; and a key that they locked stays locked.
   */
  public Optional<ThrottleState> passed(Optional<ThrottleState> current) {
    if (current.equals(Optional.of(counted))) {
      return Optional.empty();
    }
    return released(current);
  }

  private static Optional<ThrottleState> withoutOne(ThrottleState state) {
    return state.failures() <= 1
        ? Optional.empty()
        : Optional.of(
            new ThrottleState(
                state.key(), state.failures() - 1, state.lastFailureAt(), state.lockedUntil()));
  }
}
