package io.supportpro.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.port.in.QueryAuditLogUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.audit.RepeatKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditLogServiceTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  private static final AuditEvent EVENT =
      AuditEvent.of(AT, AuditEventType.ACCESS_DENIED, Actor.anonymous("x", "::1"), "/admin");

  private final InMemoryAuditLog log = new InMemoryAuditLog();
  private final MutableClock clock = new MutableClock(AT);
  private final AuditLogService service = new AuditLogService(log, clock);

  /** Remembers the last query and answers with a prepared page. */
  private static final class RecordingLog implements AuditLog {
    final List<Object> lastQuery = new ArrayList<>();
    final List<AuditEvent> appended = new ArrayList<>();
    final AuditPage answer =
        new AuditPage(List.of(new RecordedAuditEvent(41, EVENT)), Optional.of(41L));

    @Override
    public void append(AuditEvent event) {
      appended.add(event);
    }

    @Override
    public void appendOrCount(AuditEvent event, RepeatKey repeat) {
      throw new UnsupportedOperationException("the service never counts repeats itself");
    }

    @Override
    public int deleteBefore(Instant before, int atMost) {
      throw new UnsupportedOperationException("the service never deletes");
    }

    @Override
    public AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit) {
      lastQuery.clear();
      lastQuery.addAll(List.of(filter, olderThan, limit));
      return answer;
    }
  }

  @Test
  void query_passesFilterPositionAndLimitThroughAndReturnsTheLogsPage() {
    var recording = new RecordingLog();
    var filter =
        new AuditFilter(
            Optional.empty(),
            Optional.of(AuditEventType.ACCESS_DENIED),
            Optional.empty(),
            Optional.empty());

    AuditPage page = new AuditLogService(recording, clock).query(filter, Optional.of(99L), 25);

    assertThat(page).isSameAs(recording.answer);
    assertThat(recording.lastQuery).containsExactly(filter, Optional.of(99L), 25);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 199, QueryAuditLogUseCase.MAX_PAGE_SIZE})
  void query_acceptsLimitsFromOneToTwoHundred(int limit) {
    assertThat(service.query(AuditFilter.ALL, Optional.empty(), limit).events()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 201, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void query_refusesLimitsOutsideOneToTwoHundred(int limit) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> service.query(AuditFilter.ALL, Optional.empty(), limit))
        .withMessage("A page of the audit log has 1 to 200 events.");
  }

  @Test
  void query_refusesAMissingFilterOrPosition() {
    assertThatNullPointerException().isThrownBy(() -> service.query(null, Optional.empty(), 10));
    assertThatNullPointerException().isThrownBy(() -> service.query(AuditFilter.ALL, null, 10));
  }

  @Test
  void record_appendsTheEventStampedWithTheClock() {
    service.record(EVENT.type(), EVENT.actor(), EVENT.subject(), EVENT.details());

    assertThat(log.all()).containsExactly(EVENT);
    assertThat(service.query(AuditFilter.ALL, Optional.empty(), 10).events())
        .extracting(RecordedAuditEvent::event)
        .containsExactly(EVENT);
  }

  @Test
  void recordThenQuery_pagesNewestFirst() {
    for (int i = 0; i < 5; i++) {
      service.record(AuditEventType.SIGNED_OUT, EVENT.actor(), "", Map.of());
      clock.advance(Duration.ofSeconds(1));
    }

    AuditPage first = service.query(AuditFilter.ALL, Optional.empty(), 3);
    AuditPage second = service.query(AuditFilter.ALL, first.olderThan(), 3);

    assertThat(first.events())
        .extracting(e -> e.event().at())
        .containsExactly(AT.plusSeconds(4), AT.plusSeconds(3), AT.plusSeconds(2));
    assertThat(second.events())
        .extracting(e -> e.event().at())
        .containsExactly(AT.plusSeconds(1), AT);
    assertThat(second.olderThan()).isEmpty();
  }

  @Test
  void new_refusesAMissingLogOrClock() {
    assertThatNullPointerException().isThrownBy(() -> new AuditLogService(null, clock));
    assertThatNullPointerException().isThrownBy(() -> new AuditLogService(log, null));
  }
}
