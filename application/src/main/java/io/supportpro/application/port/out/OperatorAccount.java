package io.supportpro.application.port.out;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import java.util.Objects;

/**
 * An operator together with the hash of their password, and whether they must choose a new password
 * before anything else, as needed to check a sign-in.
 */
public record OperatorAccount(
    Operator operator, PasswordHash passwordHash, boolean mustChangePassword) {
  public OperatorAccount {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }
}
