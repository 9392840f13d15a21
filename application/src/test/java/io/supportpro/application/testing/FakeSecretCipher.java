package io.supportpro.application.testing;

import io.supportpro.application.port.out.SecretCipher;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cipher for tests of the core that keeps each secret in memory under a random handle, so the
 * stored text carries nothing of the secret.
 */
public final class FakeSecretCipher implements SecretCipher {
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  @Override
  public String encrypt(String plaintext) {
    byte[] handle = new byte[16];
    random.nextBytes(handle);
    String text = "fake:" + HexFormat.of().formatHex(handle);
    secrets.put(text, plaintext);
    return text;
  }

  @Override
  public String decrypt(String ciphertext) {
    String plaintext = secrets.get(ciphertext);
    if (plaintext == null) {
      throw new UndecryptableSecretException("This secret was not encrypted by this cipher.");
    }
    return plaintext;
  }
}
