package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.Timestamps.fromColumn;
import static io.supportpro.adapter.out.persistence.Timestamps.toColumn;
import static io.supportpro.adapter.out.persistence.jooq.Tables.PENDING_SIGN_IN;

import io.supportpro.application.port.out.PendingSignIn;
import io.supportpro.application.port.out.PendingSignIns;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * Pending sign-ins in {@code pending_sign_in}, whose foreign keys to the installed plugin and to
 * the session delete them with either; a taken one is marked, not deleted.
 */
final class JooqPendingSignIns implements PendingSignIns {
  private static final int MAX_STATE_HASH_LENGTH = 64;
  private static final int MAX_USERNAME_LENGTH = 254;
  private static final int MAX_RETURN_TO_LENGTH = 2_000;

  private final DSLContext dsl;

  JooqPendingSignIns(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** The foreign keys refuse a sign-in whose plugin or session is gone, also during a race. */
  @Override
  public boolean create(PendingSignIn pending) {
    Objects.requireNonNull(pending, "pending");
    if (pending.stateHash().length() > MAX_STATE_HASH_LENGTH
        || pending.username().length() > MAX_USERNAME_LENGTH
        || pending.returnTo().length() > MAX_RETURN_TO_LENGTH) {
      throw new IllegalArgumentException(
          "A pending sign-in has a state hash of at most "
              + MAX_STATE_HASH_LENGTH
              + ", a username of at most "
              + MAX_USERNAME_LENGTH
              + " and a page to return to of at most "
              + MAX_RETURN_TO_LENGTH
              + " characters.");
    }
    return guard(
        "starting a sign-in with a second factor",
        () -> {
          try {
            dsl.insertInto(PENDING_SIGN_IN)
                .set(PENDING_SIGN_IN.STATE_HASH, pending.stateHash())
                .set(PENDING_SIGN_IN.PLUGIN_ID, pending.plugin().value())
                .set(PENDING_SIGN_IN.SESSION_KEY, pending.session().value())
                .set(PENDING_SIGN_IN.OPERATOR_ID, pending.operator().value())
                .set(PENDING_SIGN_IN.USERNAME, pending.username())
                .set(PENDING_SIGN_IN.RETURN_TO, pending.returnTo())
                .set(PENDING_SIGN_IN.CREATED_AT, toColumn(pending.createdAt()))
                .execute();
            return true;
          } catch (DataAccessException e) {
            if (SqlErrors.isForeignKeyViolation(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  /** Read, then mark: whoever marks the row (one request at most) takes the sign-in. */
  @Override
  public Optional<PendingSignIn> take(String stateHash) {
    Objects.requireNonNull(stateHash, "stateHash");
    return guard(
        "finishing a sign-in with a second factor",
        () ->
            withState(stateHash, false)
                .filter(
                    found ->
                        dsl.update(PENDING_SIGN_IN)
                                .set(PENDING_SIGN_IN.TAKEN, true)
                                .where(PENDING_SIGN_IN.STATE_HASH.eq(stateHash))
                                .and(PENDING_SIGN_IN.TAKEN.isFalse())
                                .execute()
                            == 1));
  }

  @Override
  public Optional<PendingSignIn> taken(String stateHash) {
    Objects.requireNonNull(stateHash, "stateHash");
    return guard("finishing a sign-in with a second factor", () -> withState(stateHash, true));
  }

  private Optional<PendingSignIn> withState(String stateHash, boolean taken) {
    return dsl.selectFrom(PENDING_SIGN_IN)
        .where(PENDING_SIGN_IN.STATE_HASH.eq(stateHash))
        .and(PENDING_SIGN_IN.TAKEN.eq(taken))
        .fetchOptional(JooqPendingSignIns::pending);
  }

  @Override
  public int deleteCreatedBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    return guard(
        "deleting abandoned sign-ins",
        () ->
            dsl.deleteFrom(PENDING_SIGN_IN)
                .where(PENDING_SIGN_IN.CREATED_AT.lt(toColumn(before)))
                .execute());
  }

  private static PendingSignIn pending(Record r) {
    return new PendingSignIn(
        r.get(PENDING_SIGN_IN.STATE_HASH),
        new PluginId(r.get(PENDING_SIGN_IN.PLUGIN_ID)),
        new SessionKey(r.get(PENDING_SIGN_IN.SESSION_KEY)),
        new OperatorId(r.get(PENDING_SIGN_IN.OPERATOR_ID)),
        r.get(PENDING_SIGN_IN.USERNAME),
        r.get(PENDING_SIGN_IN.RETURN_TO),
        fromColumn(r.get(PENDING_SIGN_IN.CREATED_AT)));
  }
}
