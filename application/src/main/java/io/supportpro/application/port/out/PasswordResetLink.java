package io.supportpro.application.port.out;

import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A link sent to an operator to choose a new password: the SHA-256 of its token, the operator, when
 * it was made, when it expires, and when it was used, if it was.
 */
public record PasswordResetLink(
    String tokenHash,
    OperatorId operator,
    Instant createdAt,
    Instant expiresAt,
    Optional<Instant> usedAt) {
  public PasswordResetLink {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(usedAt, "usedAt");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("A link expires after it is made.");
    }
  }

  /** True while the link may still be used: not used, and not expired at {@code now}. */
  public boolean usableAt(Instant now) {
    return usedAt.isEmpty() && now.isBefore(expiresAt);
  }
}
