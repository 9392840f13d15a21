package io.supportpro.application.testing;

import io.supportpro.application.port.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it. */
public final class MutableClock implements Clock {
  private final AtomicReference<Instant> now;

  public MutableClock(Instant start) {
    now = new AtomicReference<>(start);
  }

  /** A clock at a fixed, whole-second instant. */
  public static MutableClock atStart() {
    return new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
  }

  @Override
  public Instant now() {
    return now.get();
  }

  /** Moves the clock forward. */
  public void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
  }
}
