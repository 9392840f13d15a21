package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link Clock} must do. */
public abstract class ClockContract {
  /** The clock under test. */
  protected abstract Clock clock();

  @Test
  void now_neverGoesBackwards() {
    Clock clock = clock();
    Instant earlier = clock.now();

    assertThat(clock.now()).isAfterOrEqualTo(earlier);
  }
}
