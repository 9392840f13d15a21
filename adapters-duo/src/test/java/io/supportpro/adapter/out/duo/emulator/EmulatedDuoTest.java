package io.supportpro.adapter.out.duo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmulatedDuoTest {
  private static final String ID = "DIABCDEFGHIJ01234567";
  private static final String SECRET = "abcdefghijABCDEFGHIJ0123456789klmnopqrst";
  private static final String HOST = "api-emulator.duo.test";
  private static final String REDIRECT = "https://panel.supportpro.test/duo/callback";
  private static final String STATE = "0123456789abcdef0123456789abcdef0123";

  private Instant now = Instant.parse("2026-06-01T10:00:00.250Z");
  private final InstantSource clock = () -> now;
  private final EmulatedDuo duo =
      new EmulatedDuo(
          new EmulatorOptions(ID, SECRET, HOST, Duration.ZERO, Duration.ofSeconds(60)), clock);

  // --- health check ---

  @Test
  void healthCheck_withAValidAssertion_isOkWithTheTime() throws Exception {
    Answer answer = duo.healthCheck(healthForm(assertion("/oauth/v1/health_check", SECRET)));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(StrictJson.readObject(answer.body()))
        .containsEntry("stat", "OK")
        .containsEntry("response", Map.of("timestamp", now.getEpochSecond()));
  }

  @Test
  void healthCheck_withABadAssertion_isStatFailWith200() throws Exception {
    var wrongAudience = healthForm(assertion("/oauth/v1/token", SECRET));
    var wrongSecret = healthForm(assertion("/oauth/v1/health_check", SECRET.toUpperCase()));
    var wrongClient = new HashMap<>(healthForm(assertion("/oauth/v1/health_check", SECRET)));
    wrongClient.put("client_id", "DIZZZZZZZZZZZZZZZZZZ");
    var expired = healthForm(assertion("/oauth/v1/health_check", SECRET, -1, "jti123"));
    var noJti = healthForm(assertion("/oauth/v1/health_check", SECRET, 3600, null));

    for (var form : java.util.List.of(wrongAudience, wrongSecret, wrongClient, expired, noJti)) {
      Answer answer = duo.healthCheck(form);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(StrictJson.readObject(answer.body()))
          .containsEntry("stat", "FAIL")
          .containsEntry("code", 40002L)
          .containsEntry("message", "invalid_client");
    }
  }

  @Test
  void healthCheck_underFaults_breaksAsAsked() throws Exception {
    var form = healthForm(assertion("/oauth/v1/health_check", SECRET));

    duo.inject(Fault.STAT_FAIL);
    assertThat(StrictJson.readObject(duo.healthCheck(form).body())).containsEntry("stat", "FAIL");
    duo.clearFaults();
    duo.inject(Fault.HTTP_500);
    assertThat(duo.healthCheck(form).status()).isEqualTo(500);
    duo.clearFaults();
    duo.inject(Fault.MALFORMED_JSON);
    assertThat(duo.healthCheck(form).body()).isEqualTo(EmulatedDuo.BROKEN_JSON);
    for (var fault :
        java.util.Map.of(Fault.HTTP_503, 503, Fault.HTTP_429, 429, Fault.HTTP_400, 400)
            .entrySet()) {
      duo.clearFaults();
      duo.inject(fault.getKey());
      assertThat(duo.healthCheck(form).status())
          .as(fault.getKey().name())
          .isEqualTo(fault.getValue());
    }
  }

  // --- the prompt ---

  @Test
  void authorize_showsThePromptWithTheUserEscaped() {
    Answer answer = duo.authorize(authorizeQuery(request("<b>ann&co</b>", REDIRECT, 3600)));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/html");
    assertThat(answer.headers().get("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(answer.body())
        .contains("&lt;b&gt;ann&amp;co&lt;/b&gt;")
        .doesNotContain("<b>ann")
        .contains("value=\"approve\"", "value=\"deny\"", "action=\"/oauth/v1/prompt\"")
        .doesNotContain("<script", "style=", "<style");
  }

  @Test
  void authorize_refusesABadRequest() {
    assertThat(duo.authorize(Map.of()).status()).isEqualTo(400);
    var query = new HashMap<>(authorizeQuery(request("alice", REDIRECT, 3600)));
    query.put("client_id", "DIZZZZZZZZZZZZZZZZZZ");
    assertThat(duo.authorize(query).status()).isEqualTo(400);
    String forged =
        ClientSecretJwt.sign(requestClaims("alice", REDIRECT, 3600), SECRET.toLowerCase());
    assertThat(duo.authorize(authorizeQuery(forged)).status()).isEqualTo(400);
    assertThat(duo.authorize(authorizeQuery(request("alice", REDIRECT, -1))).status())
        .isEqualTo(400);
    assertThat(
            duo.authorize(authorizeQuery(request("alice", "javascript:alert(1)", 3600))).status())
        .isEqualTo(400);
    assertThat(duo.authorize(authorizeQuery(request("", REDIRECT, 3600))).status()).isEqualTo(400);
    var shortState = requestClaims("alice", REDIRECT, 3600);
    shortState.put("state", "short");
    assertThat(duo.authorize(authorizeQuery(ClientSecretJwt.sign(shortState, SECRET))).status())
        .isEqualTo(400);
  }

  @Test
  void approve_sendsTheBrowserBackWithACodeAndTheState() {
    Answer back = decide(prompt("alice"), "approve");

    assertThat(back.status()).isEqualTo(302);
    URI location = URI.create(back.headers().get("Location"));
    assertThat(location.toString()).startsWith(REDIRECT + "?duo_code=");
    assertThat(Forms.parse(location.getRawQuery()))
        .containsEntry("state", STATE)
        .containsKey("duo_code");
  }

  @Test
  void approve_withTheCodeAttributeOff_usesCode() {
    var claims = requestClaims("alice", REDIRECT, 3600);
    claims.put("use_duo_code_attribute", false);
    String transaction =
        transaction(duo.authorize(authorizeQuery(ClientSecretJwt.sign(claims, SECRET))));

    Answer back = decide(transaction, "approve");

    assertThat(Forms.parse(URI.create(back.headers().get("Location")).getRawQuery()))
        .containsKey("code")
        .doesNotContainKey("duo_code");
  }

  @Test
  void aPrompt_isAnsweredOnce() {
    String transaction = prompt("alice");
    assertThat(decide(transaction, "approve").status()).isEqualTo(302);

    assertThat(decide(transaction, "approve").status()).isEqualTo(400);
    assertThat(decide("unknown", "approve").status()).isEqualTo(400);
  }

  @Test
  void aPrompt_expires() {
    String transaction = prompt("alice");
    now = now.plus(EmulatedDuo.PROMPT_LIFETIME);

    assertThat(decide(transaction, "approve").status()).isEqualTo(400);
  }

  @Test
  void errorRedirect_sendsTheBrowserBackWithAccessDenied() {
    duo.inject(Fault.ERROR_REDIRECT);

    Answer back = duo.authorize(authorizeQuery(request("alice", REDIRECT, 3600)));

    assertThat(back.status()).isEqualTo(302);
    assertThat(Forms.parse(URI.create(back.headers().get("Location")).getRawQuery()))
        .containsEntry("error", "access_denied")
        .containsEntry("state", STATE)
        .containsKey("error_description")
        .doesNotContainKey("duo_code");
  }

  // --- the token ---

  @Test
  void token_answersAnIdTokenShapedLikeDuos() throws Exception {
    Answer answer = token(approvedCode("alice"), REDIRECT);

    assertThat(answer.status()).isEqualTo(200);
    Map<String, Object> body = StrictJson.readObject(answer.body());
    assertThat(body)
        .containsEntry("expires_in", 3600L)
        .containsEntry("token_type", "Bearer")
        .containsKey("access_token");
    Map<String, Object> claims = ClientSecretJwt.verify((String) body.get("id_token"), SECRET);
    assertThat(claims)
        .containsEntry("iss", "https://api-emulator.duo.test/oauth/v1/token")
        .containsEntry("aud", ID)
        .containsEntry("sub", "alice")
        .containsEntry("preferred_username", "alice")
        .containsEntry("auth_time", now.getEpochSecond())
        .containsEntry("exp", now.getEpochSecond() + 300);
    assertThat(((Number) claims.get("iat")).doubleValue()).isEqualTo(now.toEpochMilli() / 1000.0);
    assertThat(claims.get("auth_result"))
        .isEqualTo(Map.of("result", "allow", "status", "allow", "status_msg", "Login Successful"));
    @SuppressWarnings("unchecked")
    var context = (Map<String, Object>) claims.get("auth_context");
    assertThat(context.get("timestamp")).isEqualTo(now.getEpochSecond());
    assertThat(context)
        .containsKeys("txid", "factor", "auth_device", "access_device", "application", "user");
  }

  @Test
  void token_forADeniedUserOrTheDenyButton_saysDeny() throws Exception {
    duo.deny("Bob");

    assertThat(authResult(token(approvedCode("bob"), REDIRECT)))
        .containsEntry("result", "deny")
        .containsEntry("status", "deny");
    Answer denied = decide(prompt("alice"), "deny");
    String code =
        Forms.parse(URI.create(denied.headers().get("Location")).getRawQuery()).get("duo_code");
    assertThat(authResult(token(code, REDIRECT))).containsEntry("status", "deny");

    duo.allow("bob");
    assertThat(authResult(token(approvedCode("bob"), REDIRECT))).containsEntry("status", "allow");
  }

  @Test
  void aCode_isSingleUseAndShortLived() throws Exception {
    String code = approvedCode("alice");
    assertThat(token(code, REDIRECT).status()).isEqualTo(200);

    Answer replay = token(code, REDIRECT);
    assertThat(replay.status()).isEqualTo(400);
    assertThat(StrictJson.readObject(replay.body())).containsEntry("error", "invalid_grant");

    String late = approvedCode("alice");
    now = now.plusSeconds(60);
    assertThat(StrictJson.readObject(token(late, REDIRECT).body()))
        .containsEntry("error", "invalid_grant");
  }

  @Test
  void token_refusesAnotherRedirectUri() throws Exception {
    Answer answer = token(approvedCode("alice"), "https://elsewhere.test/cb");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(StrictJson.readObject(answer.body()))
        .containsEntry("error", "invalid_grant")
        .containsEntry("error_description", "Invalid redirect URI https://elsewhere.test/cb");
  }

  @Test
  void token_refusesABadClientAssertionWithoutUsingTheCode() throws Exception {
    String code = approvedCode("alice");
    var form = tokenForm(code, REDIRECT, assertion("/oauth/v1/health_check", SECRET));

    Answer answer = duo.token(form);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(StrictJson.readObject(answer.body())).containsEntry("error", "invalid_client");
    assertThat(token(code, REDIRECT).status()).isEqualTo(200);
  }

  @Test
  void token_refusesAnotherGrantType() throws Exception {
    var form = new HashMap<>(tokenForm(approvedCode("alice"), REDIRECT, tokenAssertion()));
    form.put("grant_type", "password");

    assertThat(StrictJson.readObject(duo.token(form).body()))
        .containsEntry("error", "unsupported_grant_type");
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"BAD_SIGNATURE", "WRONG_ISS", "WRONG_AUD", "WRONG_USER", "EXPIRED"})
  void idTokenFaults_breakExactlyOnePart(Fault fault) throws Exception {
    String code = approvedCode("alice");
    duo.inject(fault);

    String idToken = (String) StrictJson.readObject(token(code, REDIRECT).body()).get("id_token");

    if (fault == Fault.BAD_SIGNATURE) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ClientSecretJwt.verify(idToken, SECRET))
          .isInstanceOf(ClientSecretJwt.InvalidJwtException.class);
      return;
    }
    Map<String, Object> claims = ClientSecretJwt.verify(idToken, SECRET);
    switch (fault) {
      case WRONG_ISS ->
          assertThat(claims.get("iss")).isNotEqualTo("https://" + HOST + "/oauth/v1/token");
      case WRONG_AUD -> assertThat(claims.get("aud")).isNotEqualTo(ID);
      case WRONG_USER -> assertThat(claims.get("preferred_username")).isNotEqualTo("alice");
      case EXPIRED ->
          assertThat(((Number) claims.get("exp")).longValue())
              .isLessThan(now.getEpochSecond() - 300);
      default -> throw new AssertionError(fault);
    }
  }

  @Test
  void token_underApiFaults_breaksAsAsked() throws Exception {
    String code = approvedCode("alice");
    duo.inject(Fault.STAT_FAIL);
    assertThat(StrictJson.readObject(token(code, REDIRECT).body()))
        .containsEntry("error", "invalid_client");
    duo.clearFaults();
    duo.inject(Fault.HTTP_500);
    assertThat(token(code, REDIRECT).status()).isEqualTo(500);
    duo.clearFaults();
    duo.inject(Fault.MALFORMED_JSON);
    assertThat(token(code, REDIRECT).body()).isEqualTo(EmulatedDuo.BROKEN_JSON);
  }

  // --- helpers playing the SDK's part ---

  private String assertion(String path, String key) {
    return assertion(path, key, 3600, "0123456789abcdef0123456789abcdef");
  }

  private String assertion(String path, String key, long expiresIn, String jti) {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("iss", ID);
    claims.put("sub", ID);
    claims.put("aud", "https://" + HOST + path);
    claims.put("exp", now.getEpochSecond() + expiresIn);
    if (jti != null) {
      claims.put("jti", jti);
    }
    return ClientSecretJwt.sign(claims, key);
  }

  private String tokenAssertion() {
    return assertion("/oauth/v1/token", SECRET);
  }

  private static Map<String, String> healthForm(String assertion) {
    return Map.of("client_id", ID, "client_assertion", assertion);
  }

  private LinkedHashMap<String, Object> requestClaims(
      String user, String redirect, long expiresIn) {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("scope", "openid");
    claims.put("client_id", ID);
    claims.put("redirect_uri", redirect);
    claims.put("state", STATE);
    claims.put("duo_uname", user);
    claims.put("response_type", "code");
    claims.put("use_duo_code_attribute", true);
    claims.put("exp", now.getEpochSecond() + expiresIn);
    return claims;
  }

  private String request(String user, String redirect, long expiresIn) {
    return ClientSecretJwt.sign(requestClaims(user, redirect, expiresIn), SECRET);
  }

  private static Map<String, String> authorizeQuery(String request) {
    return Map.of(
        "scope", "openid",
        "response_type", "code",
        "redirect_uri", REDIRECT,
        "client_id", ID,
        "request", request);
  }

  private String prompt(String user) {
    return transaction(duo.authorize(authorizeQuery(request(user, REDIRECT, 3600))));
  }

  private static String transaction(Answer page) {
    assertThat(page.status()).isEqualTo(200);
    var matcher =
        java.util.regex.Pattern.compile("name=\"txn\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private Answer decide(String transaction, String decision) {
    return duo.decide(Map.of("txn", transaction, "decision", decision));
  }

  private String approvedCode(String user) {
    Answer back = decide(prompt(user), "approve");
    return Forms.parse(URI.create(back.headers().get("Location")).getRawQuery()).get("duo_code");
  }

  private Map<String, String> tokenForm(String code, String redirect, String assertion) {
    return Map.of(
        "grant_type", "authorization_code",
        "code", code,
        "redirect_uri", redirect,
        "client_assertion_type", EmulatedDuo.ASSERTION_TYPE,
        "client_assertion", assertion);
  }

  private Answer token(String code, String redirect) {
    return duo.token(tokenForm(code, redirect, tokenAssertion()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> authResult(Answer answer) throws Exception {
    String idToken = (String) StrictJson.readObject(answer.body()).get("id_token");
    return (Map<String, Object>) ClientSecretJwt.verify(idToken, SECRET).get("auth_result");
  }
}
