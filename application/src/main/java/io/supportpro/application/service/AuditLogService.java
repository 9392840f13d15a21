package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ExportAuditLogCommand;
import io.supportpro.application.port.in.ExportAuditLogUseCase;
import io.supportpro.application.port.in.QueryAuditLogUseCase;
import io.supportpro.application.port.in.RecordAuditEventUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Appends to, reads and exports the audit log. */
public final class AuditLogService
    implements QueryAuditLogUseCase, RecordAuditEventUseCase, ExportAuditLogUseCase {
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

  @Override
  public long export(ExportAuditLogCommand command, Consumer<RecordedAuditEvent> each) {
    requireNonNull(command, "command");
    requireNonNull(each, "each");
    long[] handed = {0};
    try {
      audit.forEachMatching(
          command.filter(),
          entry -> {
            each.accept(entry);
            handed[0]++;
          });
    } catch (RuntimeException interrupted) {
      try {
        recordExport(command, handed[0], false);
      } catch (RuntimeException alsoFailed) {
        interrupted.addSuppressed(alsoFailed);
      }
      throw interrupted;
    }
    recordExport(command, handed[0], true);
    return handed[0];
  }

  private void recordExport(ExportAuditLogCommand command, long entries, boolean complete) {
    AuditFilter filter = command.filter();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("format", command.format().name().toLowerCase(Locale.ROOT));
    details.put("entries", Long.toString(entries));
    details.put("complete", complete ? "yes" : "no");
    filter.operator().ifPresent(operator -> details.put("operator", operator.toString()));
    filter.type().ifPresent(type -> details.put("type", type.name()));
    filter.from().ifPresent(from -> details.put("from", from.toString()));
    filter.until().ifPresent(until -> details.put("until", until.toString()));
    audit.append(
        new AuditEvent(
            clock.now(), AuditEventType.AUDIT_LOG_EXPORTED, command.actor(), "", details));
  }
}
