package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditFilter;
import java.util.Objects;

/** Who exports which entries of the audit log, and in what format. */
public record ExportAuditLogCommand(Actor actor, AuditFilter filter, Format format) {
  /** The formats an export is written in. */
  public enum Format {
    CSV,
    JSON_LINES
  }

  public ExportAuditLogCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(format, "format");
  }
}
