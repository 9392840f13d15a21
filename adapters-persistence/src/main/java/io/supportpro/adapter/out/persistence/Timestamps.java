package io.supportpro.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** How instants are stored: in UTC, to the microsecond, alike on H2 and PostgreSQL. */
final class Timestamps {
  private Timestamps() {}

  /**
   * The column value for an instant. Both databases keep microseconds; truncating here (rather than
   * letting PostgreSQL round) makes what is read back the same on both.
   */
  static OffsetDateTime toColumn(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  /** The instant a column holds. */
  static Instant fromColumn(OffsetDateTime value) {
    return value.toInstant();
  }
}
