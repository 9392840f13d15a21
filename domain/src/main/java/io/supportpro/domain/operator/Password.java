package io.supportpro.domain.operator;

import java.util.Objects;

/** A password as typed by a person; never printed, so that it cannot reach a log by accident. */
public record Password(String value) {
  /** The most characters a password may have; longer input is refused before it is hashed. */
  public static final int MAX_LENGTH = 256;

  public Password {
    Objects.requireNonNull(value, "password");
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}
