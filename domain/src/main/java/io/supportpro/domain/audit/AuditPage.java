package io.supportpro.domain.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Audit events, newest first, with the position to ask for next when older events remain. Paging by
 * position stays fast however long the log grows.
 */
public record AuditPage(List<RecordedAuditEvent> events, Optional<Long> olderThan) {
  public AuditPage {
    events = List.copyOf(events);
    Objects.requireNonNull(olderThan, "olderThan");
  }
}
