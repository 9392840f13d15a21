package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.OperatorId;
import java.time.ZoneId;
import java.util.List;

/** The time zone an operator reads the panel's times in, which they choose themselves. */
public interface ChooseTimeZoneUseCase {
  /** The zone of an operator who has chosen none. */
  ZoneId DEFAULT = ZoneId.of("UTC");

  /** The operator's zone, or {@link #DEFAULT}. */
  ZoneId timeZone(OperatorId operator);

  /** The names of the zones an operator may choose, in alphabetical order. */
  List<String> zones();

  /**
   * Stores the zone named {@code zone} (one of {@link #zones()}, exactly) as the operator's,
   * audited as {@code TIME_ZONE_CHANGED} with the zone before and after.
   */
  TimeZoneChoice choose(Actor actor, OperatorId operator, String zone);

  /** What became of a choice. */
  sealed interface TimeZoneChoice {
    /** Stored. */
    record Chosen(ZoneId zone) implements TimeZoneChoice {}

    /** No zone has that name; nothing changed. */
    record UnknownZone() implements TimeZoneChoice {}

    /** The operator no longer exists; nothing changed. */
    record NoSuchOperator() implements TimeZoneChoice {}
  }
}
