package io.supportpro.application.testing;

import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A fast salted SHA-256 hasher for tests of the core, where a slow hash would only slow the tests
 * down. Never used outside tests.
 */
public final class FakePasswordHasher implements PasswordHasher {
  private static final String PREFIX = "$fake-sha256$";
  private final SecureRandom random = new SecureRandom();

  @Override
  public PasswordHash hash(Password password) {
    byte[] salt = new byte[8];
    random.nextBytes(salt);
    return new PasswordHash(PREFIX + HexFormat.of().formatHex(salt) + "$" + digest(salt, password));
  }

  @Override
  public boolean matches(Password password, PasswordHash hash) {
    String[] parts = hash.encoded().split("\\$");
    if (!hash.encoded().startsWith(PREFIX) || parts.length != 4) {
      return false;
    }
    byte[] salt = HexFormat.of().parseHex(parts[2]);
    return MessageDigest.isEqual(
        parts[3].getBytes(StandardCharsets.US_ASCII),
        digest(salt, password).getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public boolean needsRehash(PasswordHash hash) {
    return !hash.encoded().startsWith(PREFIX);
  }

  /** A random salt with a random digest, which no password's digest is. */
  @Override
  public PasswordHash unmatchable() {
    byte[] salt = new byte[8];
    byte[] digest = new byte[32];
    random.nextBytes(salt);
    random.nextBytes(digest);
    return new PasswordHash(
        PREFIX + HexFormat.of().formatHex(salt) + "$" + Base64.getEncoder().encodeToString(digest));
  }

  private static String digest(byte[] salt, Password password) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return Base64.getEncoder()
          .encodeToString(sha.digest(password.value().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
