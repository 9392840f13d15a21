package io.supportpro.domain.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottleStateTest {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
  private static final ThrottleKey KEY = ThrottleKey.account("ada");

  private static ThrottleState lockedUntil(Instant until) {
    return new ThrottleState(KEY, 5, NOW.minusSeconds(1), Optional.of(until));
  }

  @Test
  void lockedAt_notWhenNeverLocked() {
    var state = new ThrottleState(KEY, 3, NOW, Optional.empty());

    assertThat(state.lockedAt(NOW)).isFalse();
  }

  @Test
  void lockedAt_untilTheLockEnds() {
    var state = lockedUntil(NOW.plus(Duration.ofSeconds(30)));

    assertThat(state.lockedAt(NOW)).isTrue();
    assertThat(state.lockedAt(NOW.plus(Duration.ofSeconds(30)).minusNanos(1))).isTrue();
  }

  @Test
  void lockedAt_notFromTheMomentTheLockEnds() {
    Instant until = NOW.plus(Duration.ofSeconds(30));
    var state = lockedUntil(until);

    assertThat(state.lockedAt(until)).isFalse();
    assertThat(state.lockedAt(until.plusNanos(1))).isFalse();
  }

  @Test
  void lockedAt_notForALockThatEndedInThePast() {
    assertThat(lockedUntil(NOW.minusSeconds(1)).lockedAt(NOW)).isFalse();
  }

  @Test
  void refusesMissingParts() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ThrottleState(null, 1, NOW, Optional.empty()));
    assertThatNullPointerException()
        .isThrownBy(() -> new ThrottleState(KEY, 1, null, Optional.empty()));
    assertThatNullPointerException().isThrownBy(() -> new ThrottleState(KEY, 1, NOW, null));
  }
}
