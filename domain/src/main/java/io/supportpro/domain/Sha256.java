package io.supportpro.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of a high-entropy secret (a session token, the state sent to a prompt, a recovery
 * code): its SHA-256 in lower-case hex. Such secrets cannot be guessed, so a fast hash protects
 * them.
 */
public final class Sha256 {
  private Sha256() {}

  /** The SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex digits. */
  public static String hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
