package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.Timestamps.fromColumn;
import static io.supportpro.adapter.out.persistence.Timestamps.toColumn;
import static io.supportpro.adapter.out.persistence.jooq.Tables.OPERATOR;
import static io.supportpro.adapter.out.persistence.jooq.Tables.PASSWORD_RESET_LINK;

import io.supportpro.application.port.out.PasswordResetLink;
import io.supportpro.application.port.out.PasswordResetLinks;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Password reset links in {@code password_reset_link}, by the hash of their token; its foreign key
 * deletes them with their operator.
 */
final class JooqPasswordResetLinks implements PasswordResetLinks {
  private static final int MAX_TOKEN_HASH_LENGTH = 64;

  private final DSLContext dsl;

  JooqPasswordResetLinks(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Locks the operator's row first, so that of two links made at once for one operator the second
   * waits, then deletes the first: an operator is never left with two.
   */
  @Override
  public boolean replace(PasswordResetLink link) {
    Objects.requireNonNull(link, "link");
    if (link.tokenHash().length() > MAX_TOKEN_HASH_LENGTH) {
      throw new IllegalArgumentException(
          "A link's token hash has at most " + MAX_TOKEN_HASH_LENGTH + " characters.");
    }
    return guard(
        "storing a password reset link",
        () ->
            dsl.transactionResult(
                configuration -> {
                  DSLContext tx = DSL.using(configuration);
                  boolean exists =
                      tx.select(OPERATOR.ID)
                          .from(OPERATOR)
                          .where(OPERATOR.ID.eq(link.operator().value()))
                          .forUpdate()
                          .fetchOptional()
                          .isPresent();
                  if (!exists) {
                    return false;
                  }
                  tx.deleteFrom(PASSWORD_RESET_LINK)
                      .where(PASSWORD_RESET_LINK.OPERATOR_ID.eq(link.operator().value()))
                      .execute();
                  tx.insertInto(PASSWORD_RESET_LINK)
                      .set(PASSWORD_RESET_LINK.TOKEN_HASH, link.tokenHash())
                      .set(PASSWORD_RESET_LINK.OPERATOR_ID, link.operator().value())
                      .set(PASSWORD_RESET_LINK.CREATED_AT, toColumn(link.createdAt()))
                      .set(PASSWORD_RESET_LINK.EXPIRES_AT, toColumn(link.expiresAt()))
                      .set(
                          PASSWORD_RESET_LINK.USED_AT,
                          link.usedAt().map(Timestamps::toColumn).orElse(null))
                      .execute();
                  return true;
                }));
  }

  @Override
  public Optional<PasswordResetLink> find(String tokenHash) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    return guard(
        "reading a password reset link",
        () ->
            dsl.selectFrom(PASSWORD_RESET_LINK)
                .where(PASSWORD_RESET_LINK.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(JooqPasswordResetLinks::link));
  }

  /** Read, then mark: whoever marks the row (one request at most) uses the link. */
  @Override
  public Optional<PasswordResetLink> use(String tokenHash, Instant now) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(now, "now");
    return guard(
        "using a password reset link",
        () ->
            dsl.selectFrom(PASSWORD_RESET_LINK)
                .where(PASSWORD_RESET_LINK.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(JooqPasswordResetLinks::link)
                .filter(
                    found ->
                        dsl.update(PASSWORD_RESET_LINK)
                                .set(PASSWORD_RESET_LINK.USED_AT, toColumn(now))
                                .where(PASSWORD_RESET_LINK.TOKEN_HASH.eq(tokenHash))
                                .and(PASSWORD_RESET_LINK.USED_AT.isNull())
                                .and(PASSWORD_RESET_LINK.EXPIRES_AT.gt(toColumn(now)))
                                .execute()
                            == 1));
  }

  @Override
  public int deleteAllOf(OperatorId operator) {
    Objects.requireNonNull(operator, "operator");
    return guard(
        "ending an operator's password reset links",
        () ->
            dsl.deleteFrom(PASSWORD_RESET_LINK)
                .where(PASSWORD_RESET_LINK.OPERATOR_ID.eq(operator.value()))
                .execute());
  }

  @Override
  public int deleteExpiredBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    return guard(
        "deleting expired password reset links",
        () ->
            dsl.deleteFrom(PASSWORD_RESET_LINK)
                .where(PASSWORD_RESET_LINK.EXPIRES_AT.lt(toColumn(before)))
                .execute());
  }

  private static PasswordResetLink link(Record r) {
    return new PasswordResetLink(
        r.get(PASSWORD_RESET_LINK.TOKEN_HASH),
        new OperatorId(r.get(PASSWORD_RESET_LINK.OPERATOR_ID)),
        fromColumn(r.get(PASSWORD_RESET_LINK.CREATED_AT)),
        fromColumn(r.get(PASSWORD_RESET_LINK.EXPIRES_AT)),
        Optional.ofNullable(r.get(PASSWORD_RESET_LINK.USED_AT)).map(Timestamps::fromColumn));
  }
}
