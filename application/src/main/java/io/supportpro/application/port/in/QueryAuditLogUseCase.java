package io.supportpro.application.port.in;

import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import java.util.Optional;

/** Reads the audit log, newest first, filtered and paged. */
public interface QueryAuditLogUseCase {
  /** The most events one page may have. */
  int MAX_PAGE_SIZE = 200;

  /**
   * Up to {@code limit} events that pass the filter, older than {@code olderThan} when given.
   *
   * @throws IllegalArgumentException when the limit is not between 1 and {@link #MAX_PAGE_SIZE}
   */
  AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit);
}
