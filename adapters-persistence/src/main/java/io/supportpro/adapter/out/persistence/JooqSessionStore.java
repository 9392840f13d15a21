package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.SqlErrors.guardRun;
import static io.supportpro.adapter.out.persistence.Timestamps.fromColumn;
import static io.supportpro.adapter.out.persistence.Timestamps.toColumn;
import static io.supportpro.adapter.out.persistence.jooq.Tables.OPERATOR_SESSION;

import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionStage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Sessions in the {@code operator_session} table, keyed by the hash of their token. */
final class JooqSessionStore implements SessionStore {
  private final DSLContext dsl;
  private final RenderedQuery byKey;

  JooqSessionStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.byKey =
        RenderedQuery.of(
            dsl,
            dsl.select(OPERATOR_SESSION.fields())
                .from(OPERATOR_SESSION)
                .where(OPERATOR_SESSION.SESSION_KEY.eq(DSL.param("key", String.class))));
  }

  @Override
  public void create(Session session) {
    Objects.requireNonNull(session, "session");
    guardRun("starting a session", () -> insert(dsl, session));
  }

  @Override
  public Optional<Session> find(SessionKey key) {
    Objects.requireNonNull(key, "key");
    return guard(
        "reading a session",
        () -> byKey.fetchOptional(dsl, key.value()).map(JooqSessionStore::session));
  }

  @Override
  public List<Session> listOf(OperatorId operator) {
    Objects.requireNonNull(operator, "operator");
    return guard(
        "listing an operator's sessions",
        () ->
            dsl.selectFrom(OPERATOR_SESSION)
                .where(OPERATOR_SESSION.OPERATOR_ID.eq(operator.value()))
                .orderBy(OPERATOR_SESSION.CREATED_AT, OPERATOR_SESSION.SESSION_KEY)
                .fetch(JooqSessionStore::session));
  }

  /**
   * Deleting the old row decides the race: the database lets one transaction delete it, and the
   * others, having waited for its row lock, find nothing left to delete.
   */
  @Override
  public boolean replace(SessionKey old, Session next) {
    Objects.requireNonNull(old, "old");
    Objects.requireNonNull(next, "next");
    return guard(
        "renewing a session",
        () ->
            dsl.transactionResult(
                configuration -> {
                  DSLContext tx = DSL.using(configuration);
                  int deleted =
                      tx.deleteFrom(OPERATOR_SESSION)
                          .where(OPERATOR_SESSION.SESSION_KEY.eq(old.value()))
                          .execute();
                  if (deleted == 0) {
                    return false;
                  }
                  insert(tx, next);
                  return true;
                }));
  }

  @Override
  public void touch(SessionKey key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    guardRun(
        "recording a session's use",
        () ->
            dsl.update(OPERATOR_SESSION)
                .set(OPERATOR_SESSION.LAST_SEEN_AT, toColumn(at))
                .where(OPERATOR_SESSION.SESSION_KEY.eq(key.value()))
                .execute());
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    return guard(
        "ending a session",
        () ->
            dsl.deleteFrom(OPERATOR_SESSION)
                    .where(OPERATOR_SESSION.SESSION_KEY.eq(key.value()))
                    .execute()
                > 0);
  }

  @Override
  public int deleteAllOf(OperatorId operator) {
    Objects.requireNonNull(operator, "operator");
    return guard(
        "ending an operator's sessions",
        () ->
            dsl.deleteFrom(OPERATOR_SESSION)
                .where(OPERATOR_SESSION.OPERATOR_ID.eq(operator.value()))
                .execute());
  }

  /**
   * Locks the operator's rows in one order before deleting any, so that of two calls at once for
   * two of their sessions the second waits for the first, then finds its own session gone and ends
   * nothing; deleting at once, each would end the other's session.
   */
  @Override
  public int deleteAllOfExcept(OperatorId operator, SessionKey kept) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(kept, "kept");
    return guard(
        "ending an operator's other sessions",
        () ->
            dsl.transactionResult(
                configuration -> {
                  DSLContext tx = DSL.using(configuration);
                  List<String> locked =
                      tx.select(OPERATOR_SESSION.SESSION_KEY)
                          .from(OPERATOR_SESSION)
                          .where(OPERATOR_SESSION.OPERATOR_ID.eq(operator.value()))
                          .orderBy(OPERATOR_SESSION.SESSION_KEY)
                          .forUpdate()
                          .fetch(OPERATOR_SESSION.SESSION_KEY);
                  if (!locked.contains(kept.value())) {
                    return 0;
                  }
                  return tx.deleteFrom(OPERATOR_SESSION)
                      .where(OPERATOR_SESSION.OPERATOR_ID.eq(operator.value()))
                      .and(OPERATOR_SESSION.SESSION_KEY.ne(kept.value()))
                      .execute();
                }));
  }

  /** Two deletes, one per index, rather than one with OR, which H2 would answer with a scan. */
  @Override
  public int deleteExpired(Instant createdBefore, Instant lastSeenBefore) {
    Objects.requireNonNull(createdBefore, "createdBefore");
    Objects.requireNonNull(lastSeenBefore, "lastSeenBefore");
    return guard(
        "deleting expired sessions",
        () ->
            dsl.deleteFrom(OPERATOR_SESSION)
                    .where(OPERATOR_SESSION.CREATED_AT.lt(toColumn(createdBefore)))
                    .execute()
                + dsl.deleteFrom(OPERATOR_SESSION)
                    .where(OPERATOR_SESSION.LAST_SEEN_AT.lt(toColumn(lastSeenBefore)))
                    .execute());
  }

  private static void insert(DSLContext dsl, Session session) {
    dsl.insertInto(OPERATOR_SESSION)
        .set(OPERATOR_SESSION.SESSION_KEY, session.key().value())
        .set(OPERATOR_SESSION.OPERATOR_ID, session.operator().value())
        .set(OPERATOR_SESSION.STAGE, session.stage().name())
        .set(OPERATOR_SESSION.SECOND_FACTOR, session.secondFactor().stored())
        .set(OPERATOR_SESSION.CSRF_TOKEN, session.csrfToken())
        .set(OPERATOR_SESSION.CREATED_AT, toColumn(session.createdAt()))
        .set(OPERATOR_SESSION.LAST_SEEN_AT, toColumn(session.lastSeenAt()))
        .set(OPERATOR_SESSION.CLIENT_ADDRESS, session.client().address())
        .set(OPERATOR_SESSION.USER_AGENT, session.client().userAgent())
        .execute();
  }

  private static Session session(Record r) {
    return new Session(
        new SessionKey(r.get(OPERATOR_SESSION.SESSION_KEY)),
        new OperatorId(r.get(OPERATOR_SESSION.OPERATOR_ID)),
        SessionStage.valueOf(r.get(OPERATOR_SESSION.STAGE)),
        SecondFactor.parse(r.get(OPERATOR_SESSION.SECOND_FACTOR)),
        r.get(OPERATOR_SESSION.CSRF_TOKEN),
        fromColumn(r.get(OPERATOR_SESSION.CREATED_AT)),
        fromColumn(r.get(OPERATOR_SESSION.LAST_SEEN_AT)),
        new SessionClient(
            r.get(OPERATOR_SESSION.CLIENT_ADDRESS), r.get(OPERATOR_SESSION.USER_AGENT)));
  }
}
