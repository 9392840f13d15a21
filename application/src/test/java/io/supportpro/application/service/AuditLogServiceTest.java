package io.supportpro.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.application.port.in.ExportAuditLogCommand;
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
import io.supportpro.domain.operator.OperatorId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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
    public long forEachMatching(AuditFilter filter, Consumer<RecordedAuditEvent> each) {
      throw new UnsupportedOperationException("the query of a page reads no export");
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

  private static final Actor ADMIN = Actor.operator(OperatorId.random(), "admin", "192.0.2.7");

  private AuditEvent exportEntry() {
    return log.all().stream()
        .filter(e -> e.type() == AuditEventType.AUDIT_LOG_EXPORTED)
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  @Test
  void export_handsOverTheMatchesNewestFirstAndRecordsWhoExportedWhatAndHowMany() {
    for (int i = 0; i < 3; i++) {
      service.record(AuditEventType.SIGNED_OUT, EVENT.actor(), "", Map.of("n", "" + i));
      service.record(AuditEventType.ACCESS_DENIED, EVENT.actor(), "/admin", Map.of());
    }
    clock.advance(Duration.ofMinutes(5));
    var filter =
        new AuditFilter(
            Optional.empty(),
            Optional.of(AuditEventType.SIGNED_OUT),
            Optional.of(AT),
            Optional.of(AT.plusSeconds(60)));
    List<RecordedAuditEvent> seen = new ArrayList<>();

    long count =
        service.export(
            new ExportAuditLogCommand(ADMIN, filter, ExportAuditLogCommand.Format.CSV), seen::add);

    assertThat(count).isEqualTo(3);
    assertThat(seen).extracting(e -> e.event().details().get("n")).containsExactly("2", "1", "0");
    AuditEvent exported = exportEntry();
    assertThat(exported.actor()).isEqualTo(ADMIN);
    assertThat(exported.at()).isEqualTo(AT.plusSeconds(300));
    assertThat(exported.details())
        .containsEntry("format", "csv")
        .containsEntry("entries", "3")
        .containsEntry("complete", "yes")
        .containsEntry("type", "SIGNED_OUT")
        .containsEntry("from", AT.toString())
        .containsEntry("until", AT.plusSeconds(60).toString())
        .doesNotContainKey("operator");
  }

  @Test
  void export_thatStopsPartWay_isRecordedAsIncompleteWithTheCountSoFar_andThrowsOn() {
    for (int i = 0; i < 5; i++) {
      service.record(AuditEventType.SIGNED_OUT, EVENT.actor(), "", Map.of());
    }
    var operator = OperatorId.random();
    var filter =
        new AuditFilter(
            Optional.of(operator), Optional.empty(), Optional.empty(), Optional.empty());
    var goneAway = new IllegalStateException("the client went away");
    log.append(AuditEvent.of(AT, AuditEventType.SIGNED_OUT, EVENT.actor(), operator.toString()));
    log.append(AuditEvent.of(AT, AuditEventType.SIGNED_OUT, EVENT.actor(), operator.toString()));
    int[] seen = {0};

    assertThatThrownBy(
            () ->
                service.export(
                    new ExportAuditLogCommand(
                        ADMIN, filter, ExportAuditLogCommand.Format.JSON_LINES),
                    entry -> {
                      if (++seen[0] == 2) {
                        throw goneAway;
                      }
                    }))
        .isSameAs(goneAway);
    assertThat(exportEntry().details())
        .containsEntry("format", "json_lines")
        .containsEntry("entries", "1")
        .containsEntry("complete", "no")
        .containsEntry("operator", operator.toString());
  }

  @Test
  void export_refusesAMissingCommandOrConsumer() {
    var command =
        new ExportAuditLogCommand(ADMIN, AuditFilter.ALL, ExportAuditLogCommand.Format.CSV);
    assertThatNullPointerException().isThrownBy(() -> service.export(null, entry -> {}));
    assertThatNullPointerException().isThrownBy(() -> service.export(command, null));
    assertThat(log.all()).isEmpty();
  }
}
