package io.supportpro.application.testing;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An audit log kept in memory, for tests of the core. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<RecordedAuditEvent> events = new ArrayList<>();

  @Override
  public synchronized void append(AuditEvent event) {
    events.add(new RecordedAuditEvent(events.size() + 1, event));
  }

  @Override
  public synchronized AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit) {
    List<RecordedAuditEvent> page = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      RecordedAuditEvent recorded = events.get(i);
      if (olderThan.map(p -> recorded.position() < p).orElse(true)
          && filter.matches(recorded.event())) {
        if (page.size() == limit) {
          return new AuditPage(page, Optional.of(page.getLast().position()));
        }
        page.add(recorded);
      }
    }
    return new AuditPage(page, Optional.empty());
  }

  /** Every event, oldest first. */
  public synchronized List<AuditEvent> all() {
    return events.stream().map(RecordedAuditEvent::event).toList();
  }
}
