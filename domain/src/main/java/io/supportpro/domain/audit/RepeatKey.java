package io.supportpro.domain.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What makes repeats of an event one entry of the audit log: the same key (such as the locked
 * account or client address) in the same window of time. Windows are fixed slices of the time line
 * counted from the epoch, so every instance puts a repeat into the same one.
 */
public record RepeatKey(String value, Instant windowStart) {
  public RepeatKey {
    value = AuditText.clip(Objects.requireNonNull(value, "value"), 300);
    Objects.requireNonNull(windowStart, "windowStart");
  }

  /** The key of an event at {@code at}, in the window of the given length that holds it. */
  public static RepeatKey of(String value, Instant at, Duration window) {
    long seconds = window.toSeconds();
    if (seconds < 1) {
      throw new IllegalArgumentException("A window of repeats lasts at least a second.");
    }
    return new RepeatKey(
        value, Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds));
  }
}
