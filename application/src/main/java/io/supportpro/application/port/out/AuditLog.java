package io.supportpro.application.port.out;

import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import java.util.Optional;

/** The append-only record of who did what, when and from where. */
public interface AuditLog {
  /** Records an event. */
  void append(AuditEvent event);

  /**
   * The newest events that pass the filter and lie before {@code olderThan} (a position from an
   * earlier page), at most {@code limit} of them.
   */
  AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit);
}
