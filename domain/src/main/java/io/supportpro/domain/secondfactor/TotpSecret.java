package io.supportpro.domain.secondfactor;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/** The shared key of an authenticator app; never printed. */
public final class TotpSecret {
  /** 160 bits, the size RFC 4226 recommends for HMAC-SHA-1. */
  public static final int LENGTH = 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private TotpSecret(byte[] key) {
    this.key = key.clone();
  }

  /** A new random secret. */
  public static TotpSecret random() {
    byte[] key = new byte[LENGTH];
    RANDOM.nextBytes(key);
    return new TotpSecret(key);
  }

  /**
   * The secret from its base32 text.
   *
   * @throws IllegalArgumentException when the text is not base32 of at least 16 bytes
   */
  public static TotpSecret fromBase32(String text) {
    byte[] key = Base32.decode(Objects.requireNonNull(text, "secret"));
    if (key.length < 16) {
      throw new IllegalArgumentException("A TOTP secret has at least 128 bits.");
    }
    return new TotpSecret(key);
  }

  /** The secret as base32, for the authenticator app and for storage (encrypted). */
  public String base32() {
    return Base32.encode(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TotpSecret that && Arrays.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "TotpSecret[redacted]";
  }
}
