package io.supportpro.domain.secondfactor;

import io.supportpro.domain.Sha256;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A single-use code that stands in for the authenticator app, such as {@code 7KQ4M-W2XRT}. Each
 * carries 50 random bits, so a fast hash stores it safely: guessing is bounded by the sign-in
 * throttle, not by the hash.
 */
public final class RecoveryCode {
  /** How many codes an operator receives at a time. */
  public static final int COUNT = 10;

  // Crockford's base32 alphabet: no I, L, O or U, so codes read back without confusion.
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int GROUP = 5;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RecoveryCode() {}

  /** A fresh set of codes, as they are shown to the operator once. */
  public static List<String> generate() {
    List<String> codes = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      StringBuilder code = new StringBuilder(GROUP * 2 + 1);
      for (int c = 0; c < GROUP * 2; c++) {
        if (c == GROUP) {
          code.append('-');
        }
        code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
      codes.add(code.toString());
    }
    return codes;
  }

  /**
   * The stored form of a typed code: spaces and dashes ignored, case folded, and the letters people
   * confuse with digits read as those digits. Empty when it cannot be a recovery code.
   */
  public static Optional<String> hash(String typed) {
    if (typed == null || typed.length() > 64) {
      return Optional.empty();
    }
    String folded =
        typed
            .toUpperCase(Locale.ROOT)
            .replaceAll("[\\s-]", "")
            .replace('O', '0')
            .replace('I', '1')
            .replace('L', '1');
    if (folded.length() != GROUP * 2 || !folded.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      return Optional.empty();
    }
    return Optional.of(Sha256.hex(folded));
  }
}
