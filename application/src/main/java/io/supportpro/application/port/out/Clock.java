package io.supportpro.application.port.out;

import java.time.Instant;

/** The current time, as the application sees it; tests move it at will. */
@FunctionalInterface
public interface Clock {
  /** The present instant. */
  Instant now();

  /** The system clock. */
  static Clock system() {
    return Instant::now;
  }
}
