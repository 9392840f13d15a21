package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEventType;
import java.util.Map;

/** Records an event that an adapter observed, such as a refused page. */
public interface RecordAuditEventUseCase {
  /** Appends the event to the audit log, stamped with the application's clock. */
  void record(AuditEventType type, Actor actor, String subject, Map<String, String> details);
}
