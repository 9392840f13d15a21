package io.supportpro.domain.audit;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit events to list: by operator (as actor or subject), by type, and in a time range that
 * includes {@code from} and excludes {@code until}.
 */
public record AuditFilter(
    Optional<OperatorId> operator,
    Optional<AuditEventType> type,
    Optional<Instant> from,
    Optional<Instant> until) {
  /** Every event. */
  public static final AuditFilter ALL =
      new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public AuditFilter {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
      throw new InvalidValueException(
          Problem.Code.AUDIT_RANGE_REVERSED, "The start of the range comes before its end.");
    }
  }

  /** True when the event passes this filter. */
  public boolean matches(AuditEvent event) {
    return operator
            .map(
                id ->
                    event.actor().operator().equals(Optional.of(id))
                        || event.subject().equals(id.toString()))
            .orElse(true)
        && type.map(t -> t == event.type()).orElse(true)
        && from.map(f -> !event.at().isBefore(f)).orElse(true)
        && until.map(u -> event.at().isBefore(u)).orElse(true);
  }
}
