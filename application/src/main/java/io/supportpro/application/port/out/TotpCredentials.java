package io.supportpro.application.port.out;

import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stores each operator's authenticator-app enrolment and the hashes of their recovery codes. */
public interface TotpCredentials {
  /** The operator's enrolment, confirmed or still pending. */
  Optional<TotpEnrolment> find(OperatorId operator);

  /**
   * Stores a new pending (unconfirmed) secret that only {@code session} may show and confirm,
   * replacing any pending one, whichever session began it; a confirmed enrolment is left as it is.
   * Tells whether it stored the secret.
   */
  boolean savePending(OperatorId operator, SessionKey session, String encryptedSecret, Instant at);

  /**
   * Confirms the pending enrolment after a valid code of {@code step}, and stores the hashes of the
   * first recovery codes, in one step, only while the pending secret is still {@code
   * encryptedSecret} begun by {@code session}: a secret replaced since it was read is not
   * confirmed. Tells whether a pending enrolment was confirmed.
   */
  boolean confirm(
      OperatorId operator,
      SessionKey session,
      String encryptedSecret,
      long step,
      List<String> recoveryCodeHashes);

  /**
   * Records {@code step} as the last used one, only if it is later than the stored one, and tells
   * whether it did: of two requests with the same code, only one succeeds.
   */
  boolean useStep(OperatorId operator, long step);

  /** Deletes one unused recovery code and tells whether it was there: each code works once. */
  boolean useRecoveryCode(OperatorId operator, String codeHash);

  /** How many recovery codes the operator has left. */
  int remainingRecoveryCodes(OperatorId operator);

  /** Replaces all the operator's recovery codes. */
  void replaceRecoveryCodes(OperatorId operator, List<String> codeHashes);

  /**
   * How many of these operators (at most one page of a listing) have a confirmed enrolment, in one
   * query: those who would be asked for an authenticator code if nothing else applied.
   */
  long countConfirmed(Collection<OperatorId> operators);

  /** Deletes the enrolment and the recovery codes; tells whether there was an enrolment. */
  boolean delete(OperatorId operator);
}
