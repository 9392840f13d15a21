package io.supportpro.adapter.out.duo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSecretJwtTest {
  private static final String KEY = "abcdefghijABCDEFGHIJ0123456789klmnopqrst";

  @Test
  void verify_returnsTheClaimsThatWereSigned() throws Exception {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("sub", "alice");
    claims.put("exp", 1_900_000_000L);
    claims.put("auth_result", Map.of("status", "allow"));

    assertThat(ClientSecretJwt.verify(ClientSecretJwt.sign(claims, KEY), KEY)).isEqualTo(claims);
  }

  @Test
  void sign_writesAnHs512HeaderAndUnpaddedBase64Url() throws Exception {
    String token = ClientSecretJwt.sign(Map.of("sub", "alice"), KEY);

    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(
            StrictJson.readObject(
                new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)))
        .isEqualTo(Map.of("alg", "HS512", "typ", "JWT"));
    assertThat(token).doesNotContain("=", "+", "/");
  }

  @Test
  void verify_refusesAnotherKeyATamperedPayloadAndAMissingSignature() {
    String token = ClientSecretJwt.sign(Map.of("sub", "alice"), KEY);
    String[] parts = token.split("\\.");
    String otherPayload = base64Url("{\"sub\":\"mallory\"}");

    assertInvalid(token, "another key of the same length 0123456789");
    assertInvalid(parts[0] + "." + otherPayload + "." + parts[2], KEY);
    assertInvalid(parts[0] + "." + parts[1] + ".", KEY);
    assertInvalid(parts[0] + "." + parts[1], KEY);
    assertInvalid(token + ".extra", KEY);
    assertInvalid(parts[0] + "." + parts[1] + ".not*base64", KEY);
    assertInvalid("", KEY);
    assertInvalid(null, KEY);
    assertInvalid("a".repeat(ClientSecretJwt.MAX_LENGTH + 1), KEY);
  }

  @Test
  void verify_refusesOtherAlgorithmsEvenWithAValidHs256Signature() {
    String hs256 = JWT.create().withSubject("alice").sign(Algorithm.HMAC256(KEY));
    String none = base64Url("{\"alg\":\"none\"}") + "." + hs256.split("\\.")[1] + ".";

    assertInvalid(hs256, KEY);
    assertInvalid(none, KEY);
  }

  @Test
  void verify_acceptsWhatTheSdksJwtLibrarySigns() throws Exception {
    String token =
        JWT.create()
            .withHeader(Map.of("alg", "HS512"))
            .withIssuer("DIABCDEFGHIJ01234567")
            .withAudience("https://api-emulator.duo.test/oauth/v1/token")
            .withExpiresAt(new Date(1_900_000_000_000L))
            .withJWTId("0123456789abcdef0123456789abcdef")
            .sign(Algorithm.HMAC512(KEY));

    assertThat(ClientSecretJwt.verify(token, KEY))
        .containsEntry("iss", "DIABCDEFGHIJ01234567")
        .containsEntry("aud", "https://api-emulator.duo.test/oauth/v1/token")
        .containsEntry("exp", 1_900_000_000L)
        .containsEntry("jti", "0123456789abcdef0123456789abcdef");
  }

  @Test
  void sign_producesWhatTheSdksJwtLibraryVerifies() {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("iss", "https://api-emulator.duo.test/oauth/v1/token");
    claims.put("aud", "DIABCDEFGHIJ01234567");
    claims.put("preferred_username", "alice");
    claims.put("iat", 1_700_000_000.5);
    claims.put("exp", 1_900_000_000L);

    DecodedJWT decoded =
        JWT.require(Algorithm.HMAC512(KEY))
            .withIssuer("https://api-emulator.duo.test/oauth/v1/token")
            .withAudience("DIABCDEFGHIJ01234567")
            .withClaim("preferred_username", "alice")
            .build()
            .verify(ClientSecretJwt.sign(claims, KEY));

    assertThat(decoded.getClaim("iat").asDouble()).isEqualTo(1_700_000_000.5);
  }

  @Test
  void verify_refusesWellSignedTokensWhoseJsonIsNotStrict() throws Exception {
    String header = "{\"alg\":\"HS512\",\"typ\":\"JWT\"}";
    String tooDeep =
        "{\"a\":".repeat(StrictJson.MAX_DEPTH) + "{}" + "}".repeat(StrictJson.MAX_DEPTH);

    assertThat(ClientSecretJwt.verify(signed(header, "{\"sub\":\"alice\"}"), KEY))
        .isEqualTo(Map.of("sub", "alice"));
    assertInvalid(signed(header, "{\"sub\":\"alice\",\"sub\":\"mallory\"}"), KEY);
    assertInvalid(signed(header, "{\"sub\":\"alice\"} {\"sub\":\"mallory\"}"), KEY);
    assertInvalid(signed(header, tooDeep), KEY);
    assertInvalid(signed("{\"alg\":\"HS512\",\"alg\":\"HS512\"}", "{\"sub\":\"alice\"}"), KEY);
  }

  /** A token over exactly these header and payload texts, signed with the key. */
  private static String signed(String header, String payload) {
    String headerPart = base64Url(header);
    String payloadPart = base64Url(payload);
    byte[] signature =
        Algorithm.HMAC512(KEY)
            .sign(
                headerPart.getBytes(StandardCharsets.US_ASCII),
                payloadPart.getBytes(StandardCharsets.US_ASCII));
    return headerPart
        + "."
        + payloadPart
        + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertInvalid(String token, String key) {
    assertThatThrownBy(() -> ClientSecretJwt.verify(token, key))
        .isInstanceOf(ClientSecretJwt.InvalidJwtException.class);
  }
}
