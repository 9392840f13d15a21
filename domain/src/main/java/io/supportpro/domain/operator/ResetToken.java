package io.supportpro.domain.operator;

import io.supportpro.domain.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in a link that lets an operator choose a new password: 256 random bits as 43 URL-safe
 * characters, of which only the SHA-256 is stored.
 */
public final class ResetToken {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final String value;

  private ResetToken(String value) {
    this.value = value;
  }

  /** A new token of 256 random bits. */
  public static ResetToken random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new ResetToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The token a link carried, if it has the shape of one. */
  public static Optional<ResetToken> parse(String text) {
    return text != null && SHAPE.matcher(text).matches()
        ? Optional.of(new ResetToken(text))
        : Optional.empty();
  }

  /** The text for the link. */
  public String value() {
    return value;
  }

  /** What is stored: the SHA-256 of the token, in hex. */
  public String hash() {
    return Sha256.hex(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResetToken that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "ResetToken[redacted]";
  }
}
