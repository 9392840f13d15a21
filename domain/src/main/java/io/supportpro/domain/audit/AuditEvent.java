package io.supportpro.domain.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the audit log: what happened, when, who did it from where, to what, and details that
 * never include a secret.
 */
public record AuditEvent(
    Instant at, AuditEventType type, Actor actor, String subject, Map<String, String> details) {
  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    subject = AuditText.clip(Objects.requireNonNull(subject, "subject"), 200);
    Map<String, String> clipped = new LinkedHashMap<>();
    Objects.requireNonNull(details, "details")
        .forEach((k, v) -> clipped.put(AuditText.clip(k, 64), AuditText.clip(v, 500)));
    details = Map.copyOf(clipped);
  }

  /** An event with no details. */
  public static AuditEvent of(Instant at, AuditEventType type, Actor actor, String subject) {
    return new AuditEvent(at, type, actor, subject, Map.of());
  }
}
