package io.supportpro.adapter.out.duo.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWTs signed with HMAC-SHA512, the only kind Duo's Universal Prompt uses. The key is the
 * client secret's UTF-8 bytes, as in the SDK.
 */
final class Jwt {
  static final int MAX_LENGTH = 8 * 1024;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String HEADER =
      ENCODER.encodeToString(
          "{\"alg\":\"HS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private Jwt() {}

  /** Thrown for a token that is malformed, not HS512 or not signed with the key. */
  static final class InvalidJwtException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidJwtException(String message) {
      super(message);
    }
  }

  /** Signs the claims with the key. */
  static String sign(Map<String, ?> claims, String key) {
    String payload =
        ENCODER.encodeToString(StrictJson.write(claims).getBytes(StandardCharsets.UTF_8));
    String signingInput = HEADER + "." + payload;
    return signingInput + "." + ENCODER.encodeToString(mac(signingInput, key));
  }

  /** Checks the algorithm and the signature and returns the claims; checks no claim. */
  static Map<String, Object> verify(String token, String key) throws InvalidJwtException {
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      throw new InvalidJwtException("missing or oversized token");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidJwtException("a JWT has three parts");
    }
    Map<String, Object> header = decode(parts[0], "header");
    if (!"HS512".equals(header.get("alg"))) {
      throw new InvalidJwtException("the algorithm is not HS512");
    }
    byte[] signature;
    try {
      signature = DECODER.decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidJwtException("the signature is not base64url");
    }
    byte[] expected = mac(parts[0] + "." + parts[1], key);
    if (!MessageDigest.isEqual(expected, signature)) {
      throw new InvalidJwtException("the signature does not match");
    }
    return new LinkedHashMap<>(decode(parts[1], "payload"));
  }

  private static Map<String, Object> decode(String part, String what) throws InvalidJwtException {
    try {
      return StrictJson.readObject(new String(DECODER.decode(part), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new InvalidJwtException("the " + what + " is not base64url JSON");
    }
  }

  private static byte[] mac(String signingInput, String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is part of every JDK", e);
    }
  }
}
