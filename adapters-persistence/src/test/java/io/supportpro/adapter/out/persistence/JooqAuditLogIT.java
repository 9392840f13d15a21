package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.JooqUnitOfWorkIT.unitOfWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.testing.AuditLogContract;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.operator.OperatorId;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.CloseableDSLContext;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
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

  /**
   * An export must not read the whole log into memory: the statement carries the fetch size and
   * runs outside auto-commit (without which PostgreSQL's driver ignores the fetch size), and a
   * reader that stops after the first rows ends the reading there.
   */
  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void forEachMatching_readsThroughACursorInBatchesOfTheFetchSize(TestDatabase database)
      throws Exception {
    int rows = JooqAuditLog.EXPORT_FETCH_SIZE * 3;
    AuditLog stored = database.emptied().auditLog();
    for (int i = 0; i < rows; i++) {
      stored.append(
          new AuditEvent(
              T0.plusSeconds(i),
              AuditEventType.SIGN_IN_FAILED,
              Actor.anonymous("ghost", "::1"),
              "",
              Map.of("i", Integer.toString(i))));
    }
    List<Integer> fetchSizes = new ArrayList<>();
    List<Boolean> autoCommits = new ArrayList<>();
    DatabaseSettings settings = database.sharedSettings();
    try (CloseableDSLContext plain =
        DSL.using(settings.jdbcUrl(), settings.user(), settings.password())) {
      DSLContext watched =
          plain
              .configuration()
              .derive(
                  new DefaultExecuteListenerProvider(
                      ExecuteListener.onExecuteEnd(
                          ctx -> {
                            try {
                              fetchSizes.add(ctx.statement().getFetchSize());
                              autoCommits.add(ctx.connection().getAutoCommit());
                            } catch (SQLException e) {
                              throw new IllegalStateException(e);
                            }
                          })))
              .dsl();
      AuditLog log = new JooqAuditLog(watched, unitOfWork(watched));
      List<Integer> seen = new ArrayList<>();
      var enough = new IllegalStateException("enough");

      assertThatThrownBy(
              () ->
                  log.forEachMatching(
                      AuditFilter.ALL,
                      entry -> {
                        seen.add(Integer.parseInt(entry.event().details().get("i")));
                        if (seen.size() == 10) {
                          throw enough;
                        }
                      }))
          .isSameAs(enough);

      assertThat(seen).containsExactly(1499, 1498, 1497, 1496, 1495, 1494, 1493, 1492, 1491, 1490);
      assertThat(fetchSizes).containsExactly(JooqAuditLog.EXPORT_FETCH_SIZE);
      assertThat(autoCommits).containsExactly(false);
      assertThat(log.forEachMatching(AuditFilter.ALL, entry -> {})).isEqualTo(rows);
    }
  }
}
