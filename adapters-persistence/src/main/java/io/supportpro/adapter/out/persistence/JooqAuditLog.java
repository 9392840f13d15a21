package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.SqlErrors.guardRun;
import static io.supportpro.adapter.out.persistence.jooq.Tables.AUDIT_EVENT;

import io.supportpro.adapter.out.persistence.jooq.tables.records.AuditEventRecord;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The audit log in the {@code audit_event} table, newest first by time and position, paged from the
 * position of a page's last entry, so that a page costs the same however long the log grows.
 */
final class JooqAuditLog implements AuditLog {
  /** The most events one page may hold, whatever is asked. */
  static final int MAX_LIMIT = 1000;

  /** How many rows of an export the driver fetches from the database at a time. */
  static final int EXPORT_FETCH_SIZE = 500;

  /** The order of a page, as the indexes hold it; position breaks ties of time. */
  private static final Comparator<RecordedAuditEvent> NEWEST_FIRST =
      Comparator.comparing((RecordedAuditEvent entry) -> entry.event().at())
          .thenComparingLong(RecordedAuditEvent::position)
          .reversed();

  // An insert loses a race only to another insert of the same repeat, after which updates succeed.
  private static final int ATTEMPTS = 5;

  private final DSLContext dsl;
  private final JooqUnitOfWork unitOfWork;

  JooqAuditLog(DSLContext dsl, JooqUnitOfWork unitOfWork) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  @Override
  public void append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    guardRun("writing to the audit log", () -> insert(event).execute());
  }

  /**
   * Counts with one update of the entry's row, which the database applies to one row at a time; a
   * repeat without an entry inserts one, and of two racing inserts the unique constraint turns the
   * loser into an update.
   */
  @Override
  public void appendOrCount(AuditEvent event, RepeatKey repeat) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(repeat, "repeat");
    OffsetDateTime at = Timestamps.toColumn(event.at());
    OffsetDateTime window = Timestamps.toColumn(repeat.windowStart());
    guardRun(
        "counting a repeated event in the audit log",
        () -> {
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int counted =
                dsl.update(AUDIT_EVENT)
                    .set(AUDIT_EVENT.OCCURRENCES, AUDIT_EVENT.OCCURRENCES.plus(1L))
                    .set(
                        AUDIT_EVENT.LAST_OCCURRED_AT,
                        DSL.greatest(AUDIT_EVENT.LAST_OCCURRED_AT, DSL.val(at)))
                    .where(AUDIT_EVENT.REPEAT_KEY.eq(repeat.value()))
                    .and(AUDIT_EVENT.REPEAT_WINDOW.eq(window))
                    .and(AUDIT_EVENT.EVENT_TYPE.eq(event.type().name()))
                    .execute();
            if (counted > 0) {
              return;
            }
            try {
              insert(event)
                  .set(AUDIT_EVENT.REPEAT_KEY, repeat.value())
                  .set(AUDIT_EVENT.REPEAT_WINDOW, window)
                  .set(AUDIT_EVENT.LAST_OCCURRED_AT, at)
                  .execute();
              return;
            } catch (DataAccessException e) {
              // Inside a unit of work the failed insert ended the transaction: the unit starts
              // again.
              if (!SqlErrors.isUniqueViolation(e) || unitOfWork.running()) {
                throw e;
              }
            }
          }
          throw new IllegalStateException("A repeated audit event could not be counted.");
        });
  }

  private InsertSetMoreStep<AuditEventRecord> insert(AuditEvent event) {
    return dsl.insertInto(AUDIT_EVENT)
        .set(AUDIT_EVENT.OCCURRED_AT, Timestamps.toColumn(event.at()))
        .set(AUDIT_EVENT.EVENT_TYPE, event.type().name())
        .set(
            AUDIT_EVENT.ACTOR_OPERATOR_ID,
            event.actor().operator().map(OperatorId::value).orElse(null))
        .set(AUDIT_EVENT.ACTOR_NAME, event.actor().name())
        .set(AUDIT_EVENT.CLIENT_ADDRESS, event.actor().clientAddress())
        .set(AUDIT_EVENT.SUBJECT, event.subject())
        .set(AUDIT_EVENT.DETAILS, AuditDetails.encode(event.details()));
  }

  /**
   * One statement, committed on its own, that finds its entries through the (occurred_at, position)
   * index, oldest first in the order pages read them, so that an entry a page's cursor names goes
   * only after every older one: the caller bounds how many rows one transaction deletes and locks.
   */
  @Override
  public int deleteBefore(Instant before, int atMost) {
    Objects.requireNonNull(before, "before");
    if (atMost < 1) {
      throw new IllegalArgumentException("A delete takes at least one entry.");
    }
    return guard(
        "deleting old audit entries",
        () ->
            dsl.deleteFrom(AUDIT_EVENT)
                .where(
                    AUDIT_EVENT.POSITION.in(
                        DSL.select(AUDIT_EVENT.POSITION)
                            .from(AUDIT_EVENT)
                            .where(AUDIT_EVENT.OCCURRED_AT.lt(Timestamps.toColumn(before)))
                            .orderBy(AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.POSITION)
                            .limit(atMost)))
                .execute());
  }

  /**
   * Reads through a cursor inside a transaction of its own: PostgreSQL's driver fetches rows in
   * batches of the fetch size only when the connection is not in auto-commit, and otherwise reads
   * every row into memory first. An operator's entries are the union of the two index ranges of
   * actor and subject (an entry about its own actor only in the first), since a single statement
   * with OR would make H2 scan the whole log; the database sorts them, as it reads them all anyway.
   */
  @Override
  public long forEachMatching(AuditFilter filter, Consumer<RecordedAuditEvent> each) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(each, "each");
    Condition where = conditions(filter);
    return guard(
        "exporting the audit log",
        () ->
            dsl.transactionResult(
                transaction -> {
                  DSLContext tx = transaction.dsl();
                  ResultQuery<AuditEventRecord> matching =
                      filter
                          .operator()
                          .<ResultQuery<AuditEventRecord>>map(
                              operator ->
                                  tx.selectFrom(AUDIT_EVENT)
                                      .where(where.and(byActor(operator)))
                                      .unionAll(
                                          tx.selectFrom(AUDIT_EVENT)
                                              .where(
                                                  where
                                                      .and(aboutSubject(operator))
                                                      .and(
                                                          AUDIT_EVENT.ACTOR_OPERATOR_ID
                                                              .isDistinctFrom(operator.value()))))
                                      .orderBy(
                                          unqualified(AUDIT_EVENT.OCCURRED_AT).desc(),
                                          unqualified(AUDIT_EVENT.POSITION).desc()))
                          .orElseGet(
                              () ->
                                  tx.selectFrom(AUDIT_EVENT)
                                      .where(where)
                                      .orderBy(newestFirst(typeColumn(filter))));
                  long handed = 0;
                  try (Cursor<AuditEventRecord> rows =
                      matching.fetchSize(EXPORT_FETCH_SIZE).fetchLazy()) {
                    for (AuditEventRecord row : rows) {
                      each.accept(recorded(row));
                      handed++;
                    }
                  }
                  return handed;
                }));
  }

  /**
   * Newest first by time, then by position: the entries older than the one at {@code olderThan} in
   * that order. An entry purged since its page was shown took every entry older than it with it
   * (the purge deletes the oldest first), so nothing remains before it.
   */
  @Override
  public AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(olderThan, "olderThan");
    if (limit < 1) {
      throw new IllegalArgumentException("An audit page holds at least one event.");
    }
    int size = Math.min(limit, MAX_LIMIT);
    return guard(
        "reading the audit log",
        () -> {
          Condition where = conditions(filter);
          if (olderThan.isPresent()) {
            Optional<Condition> before = before(olderThan.get());
            if (before.isEmpty()) {
              return new AuditPage(List.of(), Optional.empty());
            }
            where = where.and(before.get());
          }
          Condition matching = where;
          // One row more than asked tells whether older events remain.
          List<RecordedAuditEvent> rows =
              filter
                  .operator()
                  .map(operator -> byOperator(matching, operator, typeColumn(filter), size + 1))
                  .orElseGet(() -> newest(matching, typeColumn(filter), size + 1));
          if (rows.size() <= size) {
            return new AuditPage(rows, Optional.empty());
          }
          List<RecordedAuditEvent> page = rows.subList(0, size);
          return new AuditPage(page, Optional.of(page.getLast().position()));
        });
  }

  /**
   * The entries older than the one at {@code position} in the order of a page, written so that its
   * first half bounds the index range on occurred_at; empty when no entry has that position.
   */
  private Optional<Condition> before(long position) {
    return dsl.select(AUDIT_EVENT.OCCURRED_AT)
        .from(AUDIT_EVENT)
        .where(AUDIT_EVENT.POSITION.eq(position))
        .fetchOptional(AUDIT_EVENT.OCCURRED_AT)
        .map(
            at ->
                AUDIT_EVENT
                    .OCCURRED_AT
                    .le(at)
                    .and(AUDIT_EVENT.OCCURRED_AT.lt(at).or(AUDIT_EVENT.POSITION.lt(position))));
  }

  /** The filter's type and time range; the operator is not. */
  private static Condition conditions(AuditFilter filter) {
    Condition common = DSL.noCondition();
    if (filter.type().isPresent()) {
      common = common.and(AUDIT_EVENT.EVENT_TYPE.eq(filter.type().get().name()));
    }
    if (filter.from().isPresent()) {
      common = common.and(AUDIT_EVENT.OCCURRED_AT.ge(Timestamps.toColumn(filter.from().get())));
    }
    if (filter.until().isPresent()) {
      common = common.and(AUDIT_EVENT.OCCURRED_AT.lt(Timestamps.toColumn(filter.until().get())));
    }
    return common;
  }

  /** The type column when the filter fixes it, as the index it fixes leads with it. */
  private static List<Field<?>> typeColumn(AuditFilter filter) {
    return filter.type().isPresent() ? List.of(AUDIT_EVENT.EVENT_TYPE) : List.of();
  }

  private static Condition byActor(OperatorId operator) {
    return AUDIT_EVENT.ACTOR_OPERATOR_ID.eq(operator.value());
  }

  private static Condition aboutSubject(OperatorId operator) {
    return AUDIT_EVENT.SUBJECT.eq(operator.toString());
  }

  /**
   * The order of a page: the columns the condition fixes, then time and position, all descending.
   * The fixed columns change nothing in the result, but they make the order that of the index the
   * condition picks, ({@code fixed..., occurred_at, position}), so that H2 reads it backwards and
   * stops after a page's rows, as PostgreSQL does anyway, instead of sorting every match.
   */
  private static List<SortField<?>> newestFirst(List<Field<?>> fixed) {
    List<SortField<?>> order = new ArrayList<>();
    fixed.forEach(column -> order.add(column.desc()));
    order.add(AUDIT_EVENT.OCCURRED_AT.desc());
    order.add(AUDIT_EVENT.POSITION.desc());
    return order;
  }

  private static <T> Field<T> unqualified(Field<T> column) {
    return DSL.field(DSL.name(column.getName()), column.getDataType());
  }

  /** The newest events that pass the condition, whose fixed columns lead an index. */
  private List<RecordedAuditEvent> newest(Condition where, List<Field<?>> fixed, int count) {
    return dsl.selectFrom(AUDIT_EVENT)
        .where(where)
        .orderBy(newestFirst(fixed))
        .limit(count)
        .fetch(JooqAuditLog::recorded);
  }

  /**
   * Events by the operator or about them: one query per index range (actor's and subject's, with
   * the type when the filter fixes it), merged here, since a single query with OR would make the
   * database scan the log. An entry about its own actor comes in both and is kept once.
   */
  private List<RecordedAuditEvent> byOperator(
      Condition where, OperatorId operator, List<Field<?>> type, int count) {
    SortedSet<RecordedAuditEvent> merged = new TreeSet<>(NEWEST_FIRST);
    merged.addAll(
        newest(where.and(byActor(operator)), with(AUDIT_EVENT.ACTOR_OPERATOR_ID, type), count));
    merged.addAll(
        newest(where.and(aboutSubject(operator)), with(AUDIT_EVENT.SUBJECT, type), count));
    return merged.stream().limit(count).toList();
  }

  private static List<Field<?>> with(Field<?> first, List<Field<?>> rest) {
    List<Field<?>> columns = new ArrayList<>();
    columns.add(first);
    columns.addAll(rest);
    return columns;
  }

  private static RecordedAuditEvent recorded(Record r) {
    var actor =
        new Actor(
            Optional.ofNullable(r.get(AUDIT_EVENT.ACTOR_OPERATOR_ID)).map(OperatorId::new),
            r.get(AUDIT_EVENT.ACTOR_NAME),
            r.get(AUDIT_EVENT.CLIENT_ADDRESS));
    var event =
        new AuditEvent(
            Timestamps.fromColumn(r.get(AUDIT_EVENT.OCCURRED_AT)),
            AuditEventType.valueOf(r.get(AUDIT_EVENT.EVENT_TYPE)),
            actor,
            r.get(AUDIT_EVENT.SUBJECT),
            details(r.get(AUDIT_EVENT.DETAILS)));
    return new RecordedAuditEvent(
        r.get(AUDIT_EVENT.POSITION),
        event,
        r.get(AUDIT_EVENT.OCCURRENCES),
        Optional.ofNullable(r.get(AUDIT_EVENT.LAST_OCCURRED_AT))
            .map(Timestamps::fromColumn)
            .orElse(event.at()));
  }

  /** The stored details; text written by hand in the database is shown as it is, not lost. */
  private static Map<String, String> details(String stored) {
    try {
      return AuditDetails.decode(stored);
    } catch (IllegalArgumentException e) {
      return Map.of("details", stored);
    }
  }
}
