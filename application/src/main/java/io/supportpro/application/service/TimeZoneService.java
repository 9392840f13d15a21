package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.OperatorId;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Reads and stores the time zone each operator chose, checked against the JVM's zone names. */
public final class TimeZoneService implements ChooseTimeZoneUseCase {
  // The JVM's region names only: ZoneId.of alone would also take offsets such as "+05:00".
  private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

  private final OperatorRepository operators;
  private final AuditLog audit;
  private final Clock clock;

  public TimeZoneService(OperatorRepository operators, AuditLog audit, Clock clock) {
    this.operators = requireNonNull(operators, "operators");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public ZoneId timeZone(OperatorId operator) {
    return operators.timeZone(requireNonNull(operator, "operator")).orElse(DEFAULT);
  }

  @Override
  public List<String> zones() {
    return ZONES;
  }

  @Override
  public TimeZoneChoice choose(Actor actor, OperatorId operator, String zone) {
    requireNonNull(actor, "actor");
    requireNonNull(operator, "operator");
    requireNonNull(zone, "zone");
    if (!ZoneId.getAvailableZoneIds().contains(zone)) {
      return new TimeZoneChoice.UnknownZone();
    }
    ZoneId chosen = ZoneId.of(zone);
    ZoneId before = timeZone(operator);
    if (!operators.setTimeZone(operator, chosen)) {
      return new TimeZoneChoice.NoSuchOperator();
    }
    audit.append(
        new AuditEvent(
            clock.now(),
            AuditEventType.TIME_ZONE_CHANGED,
            actor,
            operator.toString(),
            Map.of("from", before.getId(), "to", chosen.getId())));
    return new TimeZoneChoice.Chosen(chosen);
  }
}
