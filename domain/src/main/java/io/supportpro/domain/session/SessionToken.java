package io.supportpro.domain.session;

import io.supportpro.domain.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret a browser holds for its session, in its cookie. Only a hash of it (the {@link
 * SessionKey}) is stored, so that the session table cannot be used to take over sessions.
 */
public final class SessionToken {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final String value;

  private SessionToken(String value) {
    this.value = value;
  }

  /** A new token of 256 random bits. */
  public static SessionToken random() {
    return new SessionToken(randomText());
  }

  /** 256 random bits as 43 URL-safe characters; also used for CSRF tokens. */
  public static String randomText() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The token a browser sent, if it has the shape of one. */
  public static Optional<SessionToken> parse(String text) {
    return text != null && SHAPE.matcher(text).matches()
        ? Optional.of(new SessionToken(text))
        : Optional.empty();
  }

  /** The value for the cookie. */
  public String value() {
    return value;
  }

  /** The key the session is stored under: the SHA-256 of the token. */
  public SessionKey key() {
    return new SessionKey(Sha256.hex(value));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SessionToken that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "SessionToken[redacted]";
  }
}
