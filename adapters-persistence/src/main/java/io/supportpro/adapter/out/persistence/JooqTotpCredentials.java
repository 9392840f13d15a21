package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.SqlErrors.guardRun;
import static io.supportpro.adapter.out.persistence.Timestamps.fromColumn;
import static io.supportpro.adapter.out.persistence.Timestamps.toColumn;
import static io.supportpro.adapter.out.persistence.jooq.Tables.RECOVERY_CODE;
import static io.supportpro.adapter.out.persistence.jooq.Tables.TOTP_ENROLMENT;

import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Authenticator enrolments in {@code totp_enrolment} and unused recovery codes in {@code
 * recovery_code}. Every check-and-change is one conditional statement, so concurrent requests (on
 * any instance) cannot both use one code or one time step.
 */
final class JooqTotpCredentials implements TotpCredentials {
  private static final int MAX_SECRET_LENGTH = 512;
  private static final int MAX_CODE_HASH_LENGTH = 128;
  // An insert loses a race only to another insert for the same operator.
  private static final int ATTEMPTS = 5;

  private final DSLContext dsl;

  JooqTotpCredentials(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  @Override
  public Optional<TotpEnrolment> find(OperatorId operator) {
    Objects.requireNonNull(operator, "operator");
    return guard(
        "reading an authenticator enrolment",
        () ->
            dsl.selectFrom(TOTP_ENROLMENT)
                .where(TOTP_ENROLMENT.OPERATOR_ID.eq(operator.value()))
                .fetchOptional(JooqTotpCredentials::enrolment));
  }

  @Override
  public boolean savePending(
      OperatorId operator, SessionKey session, String encryptedSecret, Instant at) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(encryptedSecret, "encryptedSecret");
    Objects.requireNonNull(at, "at");
    if (encryptedSecret.length() > MAX_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "An encrypted authenticator secret has at most " + MAX_SECRET_LENGTH + " characters.");
    }
    UUID id = operator.value();
    return guard(
        "saving an authenticator enrolment",
        () -> {
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int replaced =
                dsl.update(TOTP_ENROLMENT)
                    .set(TOTP_ENROLMENT.ENCRYPTED_SECRET, encryptedSecret)
                    .set(TOTP_ENROLMENT.LAST_USED_STEP, (Long) null)
                    .set(TOTP_ENROLMENT.CREATED_AT, toColumn(at))
                    .set(TOTP_ENROLMENT.SESSION_KEY, session.value())
                    .where(TOTP_ENROLMENT.OPERATOR_ID.eq(id))
                    .and(TOTP_ENROLMENT.CONFIRMED.isFalse())
                    .execute();
            if (replaced == 1) {
              return true;
            }
            try {
              dsl.insertInto(TOTP_ENROLMENT)
                  .set(TOTP_ENROLMENT.OPERATOR_ID, id)
                  .set(TOTP_ENROLMENT.ENCRYPTED_SECRET, encryptedSecret)
                  .set(TOTP_ENROLMENT.CONFIRMED, false)
                  .set(TOTP_ENROLMENT.CREATED_AT, toColumn(at))
                  .set(TOTP_ENROLMENT.SESSION_KEY, session.value())
                  .execute();
              return true;
            } catch (DataAccessException e) {
              if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
              }
              // Either confirmed (so left as it is) or pending since the update: look again.
              if (dsl.fetchExists(
                  TOTP_ENROLMENT,
                  TOTP_ENROLMENT.OPERATOR_ID.eq(id).and(TOTP_ENROLMENT.CONFIRMED.isTrue()))) {
                return false;
              }
            }
          }
          throw new IllegalStateException("The enrolment could not be saved; try again.");
        });
  }

  @Override
  public boolean confirm(
      OperatorId operator,
      SessionKey session,
      String encryptedSecret,
      long step,
      List<String> recoveryCodeHashes) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(encryptedSecret, "encryptedSecret");
    Set<String> codes = checkedCodes(recoveryCodeHashes);
    return guard(
        "confirming an authenticator enrolment",
        () ->
            dsl.transactionResult(
                configuration -> {
                  DSLContext tx = DSL.using(configuration);
                  int confirmed =
                      tx.update(TOTP_ENROLMENT)
                          .set(TOTP_ENROLMENT.CONFIRMED, true)
                          .set(TOTP_ENROLMENT.LAST_USED_STEP, step)
                          .set(TOTP_ENROLMENT.SESSION_KEY, (String) null)
                          .where(TOTP_ENROLMENT.OPERATOR_ID.eq(operator.value()))
                          .and(TOTP_ENROLMENT.CONFIRMED.isFalse())
                          .and(TOTP_ENROLMENT.SESSION_KEY.eq(session.value()))
                          .and(TOTP_ENROLMENT.ENCRYPTED_SECRET.eq(encryptedSecret))
                          .execute();
                  if (confirmed == 0) {
                    return false;
                  }
                  replaceCodes(tx, operator.value(), codes);
                  return true;
                }));
  }

  @Override
  public boolean useStep(OperatorId operator, long step) {
    Objects.requireNonNull(operator, "operator");
    return guard(
        "using an authenticator code",
        () ->
            dsl.update(TOTP_ENROLMENT)
                    .set(TOTP_ENROLMENT.LAST_USED_STEP, step)
                    .where(TOTP_ENROLMENT.OPERATOR_ID.eq(operator.value()))
                    .and(
                        TOTP_ENROLMENT
                            .LAST_USED_STEP
                            .isNull()
                            .or(TOTP_ENROLMENT.LAST_USED_STEP.lt(step)))
                    .execute()
                == 1);
  }

  @Override
  public boolean useRecoveryCode(OperatorId operator, String codeHash) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(codeHash, "codeHash");
    return guard(
        "using a recovery code",
        () ->
            dsl.deleteFrom(RECOVERY_CODE)
                    .where(RECOVERY_CODE.OPERATOR_ID.eq(operator.value()))
                    .and(RECOVERY_CODE.CODE_HASH.eq(codeHash))
                    .execute()
                == 1);
  }

  @Override
  public int remainingRecoveryCodes(OperatorId operator) {
    Objects.requireNonNull(operator, "operator");
    return guard(
        "counting recovery codes",
        () -> dsl.fetchCount(RECOVERY_CODE, RECOVERY_CODE.OPERATOR_ID.eq(operator.value())));
  }

  @Override
  public void replaceRecoveryCodes(OperatorId operator, List<String> codeHashes) {
    Objects.requireNonNull(operator, "operator");
    Set<String> codes = checkedCodes(codeHashes);
    guardRun(
        "replacing recovery codes",
        () -> dsl.transaction(c -> replaceCodes(DSL.using(c), operator.value(), codes)));
  }

  @Override
  public long countConfirmed(Collection<OperatorId> operators) {
    Set<UUID> ids = new LinkedHashSet<>();
    operators.forEach(operator -> ids.add(operator.value()));
    if (ids.isEmpty()) {
      return 0;
    }
    return guard(
        "counting authenticator enrolments",
        () ->
            dsl.fetchCount(
                TOTP_ENROLMENT,
                TOTP_ENROLMENT.OPERATOR_ID.in(ids).and(TOTP_ENROLMENT.CONFIRMED.isTrue())));
  }

  @Override
  public boolean delete(OperatorId operator) {
    Objects.requireNonNull(operator, "operator");
    return guard(
        "removing an authenticator enrolment",
        () ->
            dsl.transactionResult(
                configuration -> {
                  DSLContext tx = DSL.using(configuration);
                  tx.deleteFrom(RECOVERY_CODE)
                      .where(RECOVERY_CODE.OPERATOR_ID.eq(operator.value()))
                      .execute();
                  return tx.deleteFrom(TOTP_ENROLMENT)
                          .where(TOTP_ENROLMENT.OPERATOR_ID.eq(operator.value()))
                          .execute()
                      == 1;
                }));
  }

  private static void replaceCodes(DSLContext tx, UUID operator, Set<String> codes) {
    tx.deleteFrom(RECOVERY_CODE).where(RECOVERY_CODE.OPERATOR_ID.eq(operator)).execute();
    if (!codes.isEmpty()) {
      var insert = tx.insertInto(RECOVERY_CODE, RECOVERY_CODE.OPERATOR_ID, RECOVERY_CODE.CODE_HASH);
      for (String code : codes) {
        insert = insert.values(operator, code);
      }
      insert.execute();
    }
  }

  /** The hashes without repeats (a set of codes, as the port means it), each of a storable size. */
  private static Set<String> checkedCodes(List<String> hashes) {
    Set<String> codes = new LinkedHashSet<>(Objects.requireNonNull(hashes, "hashes"));
    for (String code : codes) {
      if (Objects.requireNonNull(code, "code hash").length() > MAX_CODE_HASH_LENGTH) {
        throw new IllegalArgumentException(
            "A recovery code hash has at most " + MAX_CODE_HASH_LENGTH + " characters.");
      }
    }
    return codes;
  }

  private static TotpEnrolment enrolment(Record r) {
    Long step = r.get(TOTP_ENROLMENT.LAST_USED_STEP);
    return new TotpEnrolment(
        r.get(TOTP_ENROLMENT.ENCRYPTED_SECRET),
        r.get(TOTP_ENROLMENT.CONFIRMED),
        step == null ? OptionalLong.empty() : OptionalLong.of(step),
        fromColumn(r.get(TOTP_ENROLMENT.CREATED_AT)),
        Optional.ofNullable(r.get(TOTP_ENROLMENT.SESSION_KEY)).map(SessionKey::new));
  }
}
