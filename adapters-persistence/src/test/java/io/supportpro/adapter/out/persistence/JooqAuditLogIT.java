package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.testing.AuditLogContract;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqAuditLogIT {
  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  @Nested
  class OnH2 extends AuditLogContract {
    @Override
    protected AuditLog emptyLog() {
      return TestDatabase.H2.emptied().auditLog();
    }
  }

  @Nested
  class OnPostgres extends AuditLogContract {
    @Override
    protected AuditLog emptyLog() {
      return TestDatabase.POSTGRES.emptied().auditLog();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void append_keepsMicrosecondsAndAwkwardDetailsExactly(TestDatabase database) {
    AuditLog log = database.emptied().auditLog();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("a=b&c", "x=1&y=%41%");
    details.put("", "");
    details.put("empty", "");
    details.put("ünï", "密码 🔑 \"quoted\" 'single' <b>");
    details.put("%", "=");
    var event =
        new AuditEvent(
            T0,
            AuditEventType.SETTING_CHANGED,
            Actor.system("command line"),
            "x".repeat(200),
            details);

    log.append(event);

    assertThat(log.query(AuditFilter.ALL, Optional.empty(), 5).events())
        .extracting(RecordedAuditEvent::event)
        .containsExactly(event);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void append_detailsTooLongForTheColumnAreCutAndMarked(TestDatabase database) {
    AuditLog log = database.emptied().auditLog();
    Map<String, String> details = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      details.put(String.format("key%02d", i), "&".repeat(500));
    }

    log.append(new AuditEvent(T0, AuditEventType.ACCESS_DENIED, Actor.system("x"), "", details));

    Map<String, String> stored =
        log.query(AuditFilter.ALL, Optional.empty(), 1).events().getFirst().event().details();
    assertThat(stored).containsEntry("key00", "&".repeat(500));
    assertThat(stored).containsKey(AuditDetails.TRUNCATED_KEY);
    assertThat(stored.size() - 1 + Integer.parseInt(stored.get(AuditDetails.TRUNCATED_KEY)))
        .isEqualTo(40);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void query_walksALongLogPageByPageWithoutGapsOrRepeats(TestDatabase database) {
    AuditLog log = database.emptied().auditLog();
    OperatorId alice = OperatorId.random();
    for (int i = 0; i < 250; i++) {
      // Every third event is by Alice, every fifth about her; some are both.
      Actor actor =
          i % 3 == 0
              ? Actor.operator(alice, "alice", "::1")
              : Actor.operator(OperatorId.random(), "other", "::1");
      String subject = i % 5 == 0 ? alice.toString() : "sso-prompt";
      log.append(
          new AuditEvent(
              T0.plusSeconds(i),
              AuditEventType.OPERATOR_UPDATED,
              actor,
              subject,
              Map.of("i", Integer.toString(i))));
    }
    var byAlice =
        new AuditFilter(Optional.of(alice), Optional.empty(), Optional.empty(), Optional.empty());

    List<Integer> all = walk(log, AuditFilter.ALL, 100);
    List<Integer> hers = walk(log, byAlice, 7);

    assertThat(all).hasSize(250).isSortedAccordingTo((x, y) -> y - x);
    List<Integer> expected = new ArrayList<>();
    for (int i = 249; i >= 0; i--) {
      if (i % 3 == 0 || i % 5 == 0) {
        expected.add(i);
      }
    }
    assertThat(hers).isEqualTo(expected);
  }

  private static List<Integer> walk(AuditLog log, AuditFilter filter, int pageSize) {
    List<Integer> seen = new ArrayList<>();
    Optional<Long> olderThan = Optional.empty();
    do {
      AuditPage page = log.query(filter, olderThan, pageSize);
      page.events().forEach(e -> seen.add(Integer.parseInt(e.event().details().get("i"))));
      olderThan = page.olderThan();
    } while (olderThan.isPresent());
    return seen;
  }
}
