package io.supportpro.application.port.out;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator together with the hash of their password, whether they must choose a new password
 * before anything else, and the language they chose, as needed to check a sign-in and resume a
 * session.
 */
public record OperatorAccount(
    Operator operator,
    PasswordHash passwordHash,
    boolean mustChangePassword,
    Optional<Locale> language) {
  public OperatorAccount {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(language, "language");
  }

  /** An account whose operator has chosen no language. */
  public OperatorAccount(Operator operator, PasswordHash passwordHash, boolean mustChangePassword) {
    this(operator, passwordHash, mustChangePassword, Optional.empty());
  }
}
