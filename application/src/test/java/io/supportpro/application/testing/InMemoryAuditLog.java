package io.supportpro.application.testing;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.audit.RepeatKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** An audit log kept in memory, for tests of the core. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<RecordedAuditEvent> events = new ArrayList<>();
  private final Map<Repeat, Long> repeats = new HashMap<>();
  private long lastPosition;

  /** The type and key that share one entry. */
  private record Repeat(AuditEventType type, RepeatKey key) {}

  @Override
  public synchronized void append(AuditEvent event) {
    events.add(new RecordedAuditEvent(++lastPosition, event));
  }

  @Override
  public synchronized void appendOrCount(AuditEvent event, RepeatKey repeat) {
    var key = new Repeat(event.type(), repeat);
    Long position = repeats.get(key);
    for (int i = 0; position != null && i < events.size(); i++) {
      RecordedAuditEvent entry = events.get(i);
      if (entry.position() == position) {
        Instant last =
            entry.lastOccurredAt().isAfter(event.at()) ? entry.lastOccurredAt() : event.at();
        events.set(
            i, new RecordedAuditEvent(position, entry.event(), entry.occurrences() + 1, last));
        return;
      }
    }
    append(event);
    repeats.put(key, lastPosition);
  }

  /** Newest first by time, then by position, as the log is read. */
  private static final Comparator<RecordedAuditEvent> NEWEST_FIRST =
      Comparator.comparing((RecordedAuditEvent recorded) -> recorded.event().at())
          .thenComparingLong(RecordedAuditEvent::position)
          .reversed();

  /**
   * The entries after the one at {@code olderThan} in the order of the log; none when no entry has
   * that position (a purge took it, and every entry older than it).
   */
  @Override
  public synchronized AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit) {
    Optional<RecordedAuditEvent> last = Optional.empty();
    if (olderThan.isPresent()) {
      last = events.stream().filter(e -> e.position() == olderThan.get()).findFirst();
      if (last.isEmpty()) {
        return new AuditPage(List.of(), Optional.empty());
      }
    }
    List<RecordedAuditEvent> page = new ArrayList<>();
    for (RecordedAuditEvent recorded : newestFirst()) {
      boolean after = last.map(l -> NEWEST_FIRST.compare(recorded, l) > 0).orElse(true);
      if (after && filter.matches(recorded.event())) {
        if (page.size() == limit) {
          return new AuditPage(page, Optional.of(page.getLast().position()));
        }
        page.add(recorded);
      }
    }
    return new AuditPage(page, Optional.empty());
  }

  /** Reads a copy, so that {@code each} may take its time without holding the log's lock. */
  @Override
  public long forEachMatching(AuditFilter filter, Consumer<RecordedAuditEvent> each) {
    List<RecordedAuditEvent> newestFirst;
    synchronized (this) {
      newestFirst = newestFirst();
    }
    long handed = 0;
    for (RecordedAuditEvent recorded : newestFirst) {
      if (filter.matches(recorded.event())) {
        each.accept(recorded);
        handed++;
      }
    }
    return handed;
  }

  private List<RecordedAuditEvent> newestFirst() {
    return events.stream().sorted(NEWEST_FIRST).toList();
  }

  @Override
  public synchronized int deleteBefore(Instant before, int atMost) {
    Set<Long> doomed =
        events.stream()
            .filter(recorded -> recorded.event().at().isBefore(before))
            .sorted(Comparator.comparing(recorded -> recorded.event().at()))
            .limit(atMost)
            .map(RecordedAuditEvent::position)
            .collect(Collectors.toSet());
    events.removeIf(recorded -> doomed.contains(recorded.position()));
    repeats.values().removeIf(doomed::contains);
    return doomed.size();
  }

  /** Every event, oldest first. */
  public synchronized List<AuditEvent> all() {
    return events.stream().map(RecordedAuditEvent::event).toList();
  }

  /** Every entry as stored, with its count, oldest first. */
  public synchronized List<RecordedAuditEvent> entries() {
    return List.copyOf(events);
  }
}
