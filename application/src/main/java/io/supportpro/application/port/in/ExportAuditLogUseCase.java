package io.supportpro.application.port.in;

import io.supportpro.domain.audit.RecordedAuditEvent;
import java.util.function.Consumer;

/** Hands over every entry of the audit log that passes a filter, and records that it did. */
public interface ExportAuditLogUseCase {
  /**
   * Hands each matching entry to {@code each}, newest first, as it is read, so that an export of
   * any length holds only a few entries at a time; then records an {@code AUDIT_LOG_EXPORTED} entry
   * with the actor, the filter, the format and the count, also when {@code each} or the log fails
   * part of the way (marked incomplete). Returns how many entries were handed over.
   */
  long export(ExportAuditLogCommand command, Consumer<RecordedAuditEvent> each);
}
