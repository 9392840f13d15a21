package io.supportpro.application.port.out;

import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An operator's authenticator-app secret (encrypted), whether a valid code has confirmed it, the
 * time step of the last accepted code, and, while it is pending, the session that began it.
 */
public record TotpEnrolment(
    String encryptedSecret,
    boolean confirmed,
    OptionalLong lastUsedStep,
    Instant createdAt,
    Optional<SessionKey> beganBy) {
  public TotpEnrolment {
    Objects.requireNonNull(encryptedSecret, "encryptedSecret");
    Objects.requireNonNull(lastUsedStep, "lastUsedStep");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(beganBy, "beganBy");
    if (confirmed == beganBy.isPresent()) {
      throw new IllegalArgumentException(
          "A pending enrolment belongs to a session; a confirmed one to none.");
    }
  }

  /** True when the enrolment is pending and {@code session} began it. */
  public boolean pendingFor(SessionKey session) {
    return beganBy.filter(session::equals).isPresent();
  }

  @Override
  public String toString() {
    return "TotpEnrolment[confirmed=" + confirmed + ", lastUsedStep=" + lastUsedStep + "]";
  }
}
