package io.supportpro.domain.operator;

import java.security.SecureRandom;
import java.util.Objects;

/** A password as typed by a person; never printed, so that it cannot reach a log by accident. */
public record Password(String value) {
  /** The most characters a password may have; longer input is refused before it is hashed. */
  public static final int MAX_LENGTH = 256;

  // No letters or digits that read alike (0/o, 1/l/i), since the password is read out or copied.
  private static final String TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  public Password {
    Objects.requireNonNull(value, "password");
  }

  /**
   * A random password of four groups of five characters (about 98 bits), handed to an operator once
   * after a reset and replaced by them at their next sign-in.
   */
  public static Password temporary() {
    var text = new StringBuilder(23);
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        text.append('-');
      }
      text.append(TEMPORARY_ALPHABET.charAt(RANDOM.nextInt(TEMPORARY_ALPHABET.length())));
    }
    return new Password(text.toString());
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}
