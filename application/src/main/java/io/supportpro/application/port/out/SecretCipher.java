package io.supportpro.application.port.out;

/** Encrypts secrets (such as a plugin's client secret) before they are stored. */
public interface SecretCipher {
  /** The encrypted, printable form of the secret; two calls give different forms. */
  String encrypt(String plaintext);

  /**
   * The secret again.
   *
   * @throws UndecryptableSecretException when the text was altered or encrypted with another key
   */
  String decrypt(String ciphertext);

  /** The stored text cannot be decrypted with this cipher's key. */
  final class UndecryptableSecretException extends RuntimeException {
    public UndecryptableSecretException(String message) {
      super(message);
    }
  }
}
