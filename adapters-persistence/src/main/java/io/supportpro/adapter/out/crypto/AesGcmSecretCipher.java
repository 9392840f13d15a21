package io.supportpro.adapter.out.crypto;

import io.supportpro.application.port.out.SecretCipher;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets with AES-256-GCM under one 32-byte key, as {@code v1:} followed by the base64url
 * form of a fresh 12-byte nonce, the ciphertext and the 16-byte tag. Where the key comes from (the
 * configuration, or a file in the data directory) is the composition root's business.
 */
public final class AesGcmSecretCipher implements SecretCipher {
  private static final String VERSION = "v1:";
  private static final byte[] ASSOCIATED_DATA = VERSION.getBytes(StandardCharsets.US_ASCII);
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /**
   * A cipher with this key, which it copies.
   *
   * @throws IllegalArgumentException when the key is not 32 bytes
   */
  public AesGcmSecretCipher(byte[] key) {
    if (Objects.requireNonNull(key, "key").length != KEY_BYTES) {
      throw new IllegalArgumentException("An AES-256 key is " + KEY_BYTES + " bytes.");
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * A cipher with the configured key.
   *
   * @throws SecretKeyException when the text is not the base64 form of 32 bytes
   */
  public static AesGcmSecretCipher fromConfiguredKey(String base64Key) {
    return parseKey(Objects.requireNonNull(base64Key, "base64Key"))
        .map(AesGcmSecretCipher::new)
        .orElseThrow(
            () ->
                new SecretKeyException(
                    "The configured secret key is not valid: it must be 32 random bytes in base64,"
                        + " such as the output of 'openssl rand -base64 32'."));
  }

  /** A new random key in the base64 form {@link #fromConfiguredKey} accepts. */
  public static String newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * A 256-bit key for another purpose (such as signing forms), derived from this cipher's key with
   * HMAC-SHA256 over the purpose's name, so that every instance sharing the key derives the same
   * one and the encryption key itself is never used for anything else.
   */
  public byte[] deriveKey(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return mac.doFinal(("supportpro:" + purpose).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public String encrypt(String plaintext) {
    byte[] plain = utf8(Objects.requireNonNull(plaintext, "plaintext"));
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(ASSOCIATED_DATA);
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this Java runtime.", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  @Override
  public String decrypt(String ciphertext) {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (!ciphertext.startsWith(VERSION)) {
      throw new UndecryptableSecretException("The stored secret is not in a form this key reads.");
    }
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(ciphertext.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      throw new UndecryptableSecretException("The stored secret is not valid base64url.");
    }
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new UndecryptableSecretException("The stored secret is too short to be genuine.");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(ASSOCIATED_DATA);
      byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      String text = new String(plain, StandardCharsets.UTF_8);
      Arrays.fill(plain, (byte) 0);
      return text;
    } catch (AEADBadTagException e) {
      throw new UndecryptableSecretException(
          "The stored secret was altered or encrypted with another key.");
    } catch (GeneralSecurityException e) {
      throw new UndecryptableSecretException("The stored secret cannot be decrypted.");
    }
  }

  private static byte[] utf8(String text) {
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      // A lone surrogate would come back as '?', so the secret would not survive the round trip.
      throw new IllegalArgumentException("A secret cannot hold unpaired surrogate characters.");
    }
  }

  /**
   * The key from its base64 (or base64url) form, white space around it ignored, if that is 32
   * bytes.
   */
  public static Optional<byte[]> parseKey(String text) {
    String stripped = Objects.requireNonNull(text, "text").strip();
    for (Base64.Decoder decoder :
        new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
      try {
        byte[] key = decoder.decode(stripped);
        if (key.length == KEY_BYTES) {
          return Optional.of(key);
        }
      } catch (IllegalArgumentException e) {
        // Try the other alphabet.
      }
    }
    return Optional.empty();
  }
}
