package io.supportpro.adapter.in.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as a person reads them, in a given time zone that the text names. */
final class ReadableTimes {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm:ss zzz", Locale.ENGLISH);

  private ReadableTimes() {}

  /** For example "6 Dec 2026, 02:15:07 CET". */
  static String format(Instant instant, ZoneId zone) {
    return FORMAT.format(instant.atZone(zone));
  }
}
