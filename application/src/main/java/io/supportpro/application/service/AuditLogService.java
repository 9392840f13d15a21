package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.QueryAuditLogUseCase;
import io.supportpro.application.port.in.RecordAuditEventUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import java.util.Map;
import java.util.Optional;

/** Appends to and reads the audit log. */
public final class AuditLogService implements QueryAuditLogUseCase, RecordAuditEventUseCase {
  private final AuditLog audit;
  private final Clock clock;

  public AuditLogService(AuditLog audit, Clock clock) {
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit) {
    requireNonNull(filter, "filter");
    requireNonNull(olderThan, "olderThan");
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("A page of the audit log has 1 to 200 events.");
    }
    return audit.query(filter, olderThan, limit);
  }

  @Override
  public void record(
      AuditEventType type, Actor actor, String subject, Map<String, String> details) {
    audit.append(new AuditEvent(clock.now(), type, actor, subject, details));
  }
}
