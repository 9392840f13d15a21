package io.supportpro.adapter.out.crypto;

/**
 * The key that encrypts stored secrets cannot be used: the configured one is malformed, or the key
 * file cannot be read or created. The message is one sentence saying what to fix.
 */
public final class SecretKeyException extends RuntimeException {
  public SecretKeyException(String message) {
    super(message);
  }

  public SecretKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
