package io.supportpro.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An operator's authenticator-app secret (encrypted), whether a valid code has confirmed it, and
 * the time step of the last accepted code.
 */
public record TotpEnrolment(
    String encryptedSecret, boolean confirmed, OptionalLong lastUsedStep, Instant createdAt) {
  public TotpEnrolment {
    Objects.requireNonNull(encryptedSecret, "encryptedSecret");
    Objects.requireNonNull(lastUsedStep, "lastUsedStep");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "TotpEnrolment[confirmed=" + confirmed + ", lastUsedStep=" + lastUsedStep + "]";
  }
}
