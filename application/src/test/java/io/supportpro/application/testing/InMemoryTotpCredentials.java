package io.supportpro.application.testing;

import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Authenticator enrolments and recovery codes kept in memory, for tests of the core. */
public final class InMemoryTotpCredentials implements TotpCredentials {
  private final Map<OperatorId, TotpEnrolment> enrolments = new HashMap<>();
  private final Map<OperatorId, Set<String>> recoveryCodes = new HashMap<>();

  @Override
  public synchronized Optional<TotpEnrolment> find(OperatorId operator) {
    return Optional.ofNullable(enrolments.get(operator));
  }

  @Override
  public synchronized boolean savePending(
      OperatorId operator, SessionKey session, String encryptedSecret, Instant at) {
    TotpEnrolment current = enrolments.get(operator);
    if (current != null && current.confirmed()) {
      return false;
    }
    enrolments.put(
        operator,
        new TotpEnrolment(encryptedSecret, false, OptionalLong.empty(), at, Optional.of(session)));
    return true;
  }

  @Override
  public synchronized boolean confirm(
      OperatorId operator,
      SessionKey session,
      String encryptedSecret,
      long step,
      List<String> recoveryCodeHashes) {
    TotpEnrolment current = enrolments.get(operator);
    if (current == null
        || !current.pendingFor(session)
        || !current.encryptedSecret().equals(encryptedSecret)) {
      return false;
    }
    enrolments.put(
        operator,
        new TotpEnrolment(
            current.encryptedSecret(),
            true,
            OptionalLong.of(step),
            current.createdAt(),
            Optional.empty()));
    recoveryCodes.put(operator, new HashSet<>(recoveryCodeHashes));
    return true;
  }

  @Override
  public synchronized boolean useStep(OperatorId operator, long step) {
    TotpEnrolment current = enrolments.get(operator);
    if (current == null
        || (current.lastUsedStep().isPresent() && current.lastUsedStep().getAsLong() >= step)) {
      return false;
    }
    enrolments.put(
        operator,
        new TotpEnrolment(
            current.encryptedSecret(),
            current.confirmed(),
            OptionalLong.of(step),
            current.createdAt(),
            current.beganBy()));
    return true;
  }

  @Override
  public synchronized boolean useRecoveryCode(OperatorId operator, String codeHash) {
    return recoveryCodes.getOrDefault(operator, new HashSet<>()).remove(codeHash);
  }

  @Override
  public synchronized int remainingRecoveryCodes(OperatorId operator) {
    return recoveryCodes.getOrDefault(operator, Set.of()).size();
  }

  @Override
  public synchronized void replaceRecoveryCodes(OperatorId operator, List<String> codeHashes) {
    recoveryCodes.put(operator, new HashSet<>(codeHashes));
  }

  @Override
  public synchronized boolean delete(OperatorId operator) {
    recoveryCodes.remove(operator);
    return enrolments.remove(operator) != null;
  }

  @Override
  public synchronized long countConfirmed(Collection<OperatorId> operators) {
    return operators.stream()
        .distinct()
        .map(enrolments::get)
        .filter(enrolment -> enrolment != null && enrolment.confirmed())
        .count();
  }
}
