package io.supportpro.domain.operator;

import java.util.Objects;

/**
 * A stored password hash in its self-describing text form (algorithm, parameters, salt, hash), so
 * that the parameters can be raised later without losing older hashes.
 */
public record PasswordHash(String encoded) {
  public PasswordHash {
    Objects.requireNonNull(encoded, "encoded hash");
    if (encoded.isBlank()) {
      throw new IllegalArgumentException("A password hash cannot be empty.");
    }
  }

  @Override
  public String toString() {
    return "PasswordHash[redacted]";
  }
}
