package io.supportpro.domain.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An audit event as stored, with the position the log gave it (newer events have larger ones), how
 * many times it happened (repeats of a refusal are counted in one entry) and when it last did.
 */
public record RecordedAuditEvent(
    long position, AuditEvent event, long occurrences, Instant lastOccurredAt) {
  public RecordedAuditEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(lastOccurredAt, "lastOccurredAt");
    if (occurrences < 1) {
      throw new IllegalArgumentException("A recorded event happened at least once.");
    }
  }

  /** An event that happened once. */
  public RecordedAuditEvent(long position, AuditEvent event) {
    this(position, event, 1, event.at());
  }
}
