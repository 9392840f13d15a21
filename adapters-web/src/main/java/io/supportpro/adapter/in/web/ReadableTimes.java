package io.supportpro.adapter.in.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Instants as a person reads them, in a given time zone that the text names, in a language. */
final class ReadableTimes {
  // Each language writes the pattern of its bundle's "time.pattern" with its own month and zone
  // names; built once, as a formatter is immutable and the bundles do not change while running.
  private static final Map<Locale, DateTimeFormatter> FORMATS =
      Texts.LANGUAGES.stream()
          .collect(
              Collectors.toUnmodifiableMap(
                  language -> language,
                  language ->
                      DateTimeFormatter.ofPattern(
                          Texts.in(language).get("time.pattern"), language)));

  private ReadableTimes() {}

  /** For example "6 Dec 2026, 02:15:07 CET", or in German "6. Dez. 2026, 02:15:07 MEZ". */
  static String format(Instant instant, ZoneId zone, Locale language) {
    return FORMATS.get(Texts.in(language).locale()).format(instant.atZone(zone));
  }
}
