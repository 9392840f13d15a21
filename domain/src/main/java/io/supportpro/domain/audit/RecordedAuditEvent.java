package io.supportpro.domain.audit;

import java.util.Objects;

/** An audit event as stored, with the position the log gave it (newer events have larger ones). */
public record RecordedAuditEvent(long position, AuditEvent event) {
  public RecordedAuditEvent {
    Objects.requireNonNull(event, "event");
  }
}
