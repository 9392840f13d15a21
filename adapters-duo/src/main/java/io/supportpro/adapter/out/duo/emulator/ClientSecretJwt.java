package io.supportpro.adapter.out.duo.emulator;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Compact JWTs signed with HMAC-SHA512 under the client secret, the only kind Duo's Universal
 * Prompt uses, signed and checked with java-jwt as the SDK does; the key is the secret's UTF-8
 * bytes.
 */
final class ClientSecretJwt {
  static final int MAX_LENGTH = 8 * 1024;

  private ClientSecretJwt() {}

  /** Thrown for a token that is malformed, not HS512 or not signed with the key. */
  static final class InvalidJwtException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidJwtException(String message) {
      super(message);
    }
  }

  /** Signs the claims with the key. */
  static String sign(Map<String, ?> claims, String key) {
    return JWT.create().withPayload(claims).sign(Algorithm.HMAC512(key));
  }

  /** Checks the algorithm and the signature and returns the claims; checks no claim. */
  static Map<String, Object> verify(String token, String key) throws InvalidJwtException {
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      throw new InvalidJwtException("missing or oversized token");
    }
    try {
      DecodedJWT jwt = JWT.decode(token);
      Algorithm algorithm = Algorithm.HMAC512(key);
      if (!algorithm.getName().equals(jwt.getAlgorithm())) {
        throw new InvalidJwtException("the algorithm is not " + algorithm.getName());
      }
      algorithm.verify(jwt);
      // java-jwt reads JSON leniently (of two equal keys the last wins, trailing text passes), so
      // both parts are read again, strictly.
      StrictJson.readObject(decode(jwt.getHeader()));
      return StrictJson.readObject(decode(jwt.getPayload()));
    } catch (JWTDecodeException e) {
      throw new InvalidJwtException("not three base64url parts of JSON");
    } catch (SignatureVerificationException e) {
      throw new InvalidJwtException("the signature does not match");
    } catch (JsonProcessingException e) {
      throw new InvalidJwtException("not strict JSON: " + e.getOriginalMessage());
    }
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }
}
