package io.supportpro.application.port.in;

import io.supportpro.domain.audit.AuditEvent;

/** Records an event that an adapter observed, such as a refused page. */
public interface RecordAuditEventUseCase {
  /** Appends the event to the audit log. */
  void record(AuditEvent event);
}
