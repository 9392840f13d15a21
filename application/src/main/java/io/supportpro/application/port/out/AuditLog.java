package io.supportpro.application.port.out;

import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.audit.RepeatKey;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The record of who did what, when and from where: entries are added, repeats of a refusal are
 * counted, and entries leave only when their retention ends.
 */
public interface AuditLog {
  /** Records an event. */
  void append(AuditEvent event);

  /**
   * Records an event that may repeat many times, such as a refused request: the first event of its
   * type with this repeat key (same value, same window) is appended; each later one only adds one
   * to that entry's count and moves its last time forward, keeping the first one's actor and
   * details. Atomic: however many requests or instances race, one type and key make one entry.
   */
  void appendOrCount(AuditEvent event, RepeatKey repeat);

  /**
   * The newest events that pass the filter, newest first by time and then by position, and come
   * after the entry at {@code olderThan} (the last position of an earlier page) in that order, at
   * most {@code limit} of them; none when no entry has that position any more.
   */
  AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit);

  /**
   * Hands every entry that passes the filter to {@code each}, newest first, as it is read: however
   * many entries match, only a few are held at a time. An exception from {@code each} stops the
   * reading and is thrown on unchanged. Returns how many entries were handed over.
   */
  long forEachMatching(AuditFilter filter, Consumer<RecordedAuditEvent> each);

  /**
   * Deletes at most {@code atMost} of the entries that began before the instant, the oldest first,
   * in one step of its own; returns how many went.
   */
  int deleteBefore(Instant before, int atMost);
}
