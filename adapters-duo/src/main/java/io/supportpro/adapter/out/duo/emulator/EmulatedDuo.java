package io.supportpro.adapter.out.duo.emulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Duo's side of the Universal Prompt, without HTTP: the health check, the authorize request and its
 * Approve / Deny page, and the token exchange, as PROTOCOL.md describes them for SDK 1.3.1.
 *
 * <p>Denials: real Duo still sends the browser back with a code when a user denies the push, and
 * the id token then says {@code deny}; the emulator does the same, both for the Deny button and for
 * a user set to {@link #deny(String)} who presses Approve. {@link Fault#ERROR_REDIRECT} gives the
 * other way Duo says no: {@code error=access_denied} and no code.
 */
final class EmulatedDuo {
  static final String HEALTH_CHECK_PATH = "/oauth/v1/health_check";
  static final String AUTHORIZE_PATH = "/oauth/v1/authorize";
  static final String TOKEN_PATH = "/oauth/v1/token";
  static final Duration PROMPT_LIFETIME = Duration.ofMinutes(5);
  static final int MAX_PENDING = 1_000;

  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  static final String INVALID_GRANT =
      "The provided authorization grant or refresh token is invalid, expired, revoked, does not"
          + " match the redirection URI.";
  static final String BROKEN_JSON = "{\"stat\": \"OK\", \"response\": {\"timestamp\": ";

  private static final Duration EXPIRED_BY = Duration.ofMinutes(10);
  private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);

  /** What the user's answer amounts to. */
  enum Outcome {
    ALLOWED("allow", "Login Successful", "user_approved"),
    DENIED_BY_USER("deny", "Login request denied by the user", "user_cancelled"),
    DENIED_BY_POLICY("deny", "This user is not allowed to sign in", "user_disabled");

    final String result;
    final String message;
    final String reason;

    Outcome(String result, String message, String reason) {
      this.result = result;
      this.message = message;
      this.reason = reason;
    }
  }

  private record Pending(
      String username, URI redirectUri, String state, boolean duoCodeAttribute) {}

  private record Grant(String username, String redirectUri, Outcome outcome, String txid) {}

  private final EmulatorOptions options;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
  private final Expiring<Pending> prompts = new Expiring<>(MAX_PENDING);
  private final Expiring<Grant> codes = new Expiring<>(MAX_PENDING);

  EmulatedDuo(EmulatorOptions options, InstantSource clock) {
    this.options = options;
    this.clock = clock;
  }

  void allow(String username) {
    denied.remove(key(username));
  }

  void deny(String username) {
    denied.add(key(username));
  }

  void inject(Fault fault) {
    synchronized (faults) {
      faults.add(fault);
    }
  }

  void clearFaults() {
    synchronized (faults) {
      faults.clear();
    }
  }

  Set<Fault> faults() {
    synchronized (faults) {
      return faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
    }
  }

  boolean has(Fault fault) {
    synchronized (faults) {
      return faults.contains(fault);
    }
  }

  String endpoint(String path) {
    return "https://" + options.apiHost() + path;
  }

  /** {@code POST /oauth/v1/health_check}; a refused client is a 200 with {@code stat: FAIL}. */
  Answer healthCheck(Map<String, String> form) {
    Optional<Answer> broken = brokenApi();
    if (broken.isPresent()) {
      return broken.get();
    }
    long now = clock.instant().getEpochSecond();
    boolean accepted =
        !has(Fault.STAT_FAIL)
            && options.clientId().equals(form.get("client_id"))
            && assertionProblem(form.get("client_assertion"), HEALTH_CHECK_PATH).isEmpty();
    if (!accepted) {
      return Answer.json(
          200,
          StrictJson.write(
              ordered(
                  "stat", "FAIL",
                  "code", 40002,
                  "timestamp", now,
                  "message", "invalid_client",
                  "message_detail", "The provided client_assertion was invalid.")));
    }
    return Answer.json(
        200, StrictJson.write(ordered("stat", "OK", "response", ordered("timestamp", now))));
  }

  /** {@code GET /oauth/v1/authorize}: checks the signed request and shows the prompt page. */
  Answer authorize(Map<String, String> query) {
    if (!"code".equals(query.get("response_type")) || !"openid".equals(query.get("scope"))) {
      return refuse("The request must ask for response_type=code and scope=openid.");
    }
    if (!options.clientId().equals(query.get("client_id"))) {
      return refuse("The client id is unknown.");
    }
    Map<String, Object> claims;
    try {
      claims = ClientSecretJwt.verify(query.get("request"), options.clientSecret());
    } catch (ClientSecretJwt.InvalidJwtException e) {
      return refuse("The request is not signed with the client's secret: " + e.getMessage() + ".");
    }
    if (!options.clientId().equals(claims.get("client_id"))
        || !"code".equals(claims.get("response_type"))
        || !"openid".equals(claims.get("scope"))) {
      return refuse("The signed request names another client, response type or scope.");
    }
    if (!notExpired(claims)) {
      return refuse("The signed request has expired.");
    }
    Optional<URI> redirect = webAddress(claims.get("redirect_uri"));
    if (redirect.isEmpty()) {
      return refuse("The redirect URI must be an absolute http or https address.");
    }
    if (!(claims.get("state") instanceof String state)
        || state.length() < 22
        || state.length() > 1024) {
      return refuse("The state must have 22 to 1024 characters.");
    }
    if (!(claims.get("duo_uname") instanceof String username)
        || username.isBlank()
        || username.length() > 256) {
      return refuse("The request names no user.");
    }
    boolean duoCodeAttribute = !Boolean.FALSE.equals(claims.get("use_duo_code_attribute"));
    if (has(Fault.ERROR_REDIRECT)) {
      return errorRedirect(redirect.get(), state);
    }
    String transaction = randomId(32);
    prompts.put(
        transaction,
        new Pending(username, redirect.get(), state, duoCodeAttribute),
        clock.instant().plus(PROMPT_LIFETIME),
        clock.instant());
    return Answer.page(200, PromptPage.prompt(username, transaction));
  }

  /** The prompt page's form post: sends the browser back with a code, or with an error. */
  Answer decide(Map<String, String> form) {
    String decision = form.get("decision");
    if (!"approve".equals(decision) && !"deny".equals(decision)) {
      return refuse("Choose Approve or Deny.");
    }
    Optional<Pending> found = prompts.take(form.get("txn"), clock.instant());
    if (found.isEmpty()) {
      return refuse("This sign-in request has expired or was already answered; start again.");
    }
    Pending pending = found.get();
    if (has(Fault.ERROR_REDIRECT)) {
      return errorRedirect(pending.redirectUri(), pending.state());
    }
    Outcome outcome =
        "deny".equals(decision)
            ? Outcome.DENIED_BY_USER
            : denied.contains(key(pending.username())) ? Outcome.DENIED_BY_POLICY : Outcome.ALLOWED;
    String code = randomId(32);
    codes.put(
        code,
        new Grant(
            pending.username(),
            pending.redirectUri().toString(),
            outcome,
            UUID.randomUUID().toString()),
        clock.instant().plus(options.codeLifetime()),
        clock.instant());
    String parameter = pending.duoCodeAttribute() ? "duo_code" : "code";
    return Answer.redirect(
        withQuery(
            pending.redirectUri(),
            parameter + "=" + Forms.encode(code) + "&state=" + Forms.encode(pending.state())));
  }

  /** {@code POST /oauth/v1/token}: exchanges a single-use code for a signed id token. */
  Answer token(Map<String, String> form) {
    Optional<Answer> broken = brokenApi();
    if (broken.isPresent()) {
      return broken.get();
    }
    if (!"authorization_code".equals(form.get("grant_type"))) {
      return oauthError("unsupported_grant_type", "The grant type must be authorization_code.");
    }
    if (has(Fault.STAT_FAIL)
        || !ASSERTION_TYPE.equals(form.get("client_assertion_type"))
        || assertionProblem(form.get("client_assertion"), TOKEN_PATH).isPresent()) {
      return oauthError("invalid_client", "The provided client_assertion was invalid.");
    }
    Optional<Grant> found = codes.take(form.get("code"), clock.instant());
    if (found.isEmpty()) {
      return oauthError("invalid_grant", INVALID_GRANT);
    }
    Grant grant = found.get();
    String redirectUri = form.get("redirect_uri");
    if (!grant.redirectUri().equals(redirectUri)) {
      return oauthError("invalid_grant", "Invalid redirect URI " + redirectUri);
    }
    return Answer.json(
        200,
        StrictJson.write(
            ordered(
                "id_token",
                idToken(grant),
                "access_token",
                randomId(40),
                "expires_in",
                3600,
                "token_type",
                "Bearer")));
  }

  private String idToken(Grant grant) {
    Instant now = clock.instant();
    Instant issued = has(Fault.EXPIRED) ? now.minus(EXPIRED_BY).minus(ID_TOKEN_LIFETIME) : now;
    String username = grant.username();
    if (has(Fault.WRONG_USER)) {
      username = "mallory".equals(username) ? "trudy" : "mallory";
    }
    var location = ordered("city", "Loopback", "state", "Localhost", "country", "Emulated");
    var context = new LinkedHashMap<String, Object>();
    context.put("result", grant.outcome().result);
    context.put("timestamp", Math.toIntExact(issued.getEpochSecond()));
    context.put("txid", grant.txid());
    context.put("event_type", "authentication");
    context.put("reason", grant.outcome().reason);
    context.put("factor", "duo_push");
    context.put(
        "auth_device", ordered("ip", "127.0.0.1", "name", "Emulated phone", "location", location));
    context.put(
        "access_device", ordered("ip", "127.0.0.1", "hostname", "localhost", "location", location));
    context.put("application", ordered("key", options.clientId(), "name", "Duo emulator"));
    context.put("user", ordered("key", userKey(username), "name", username));

    var claims = new LinkedHashMap<String, Object>();
    claims.put(
        "iss",
        has(Fault.WRONG_ISS)
            ? "https://wrong-issuer.duo.test/oauth/v1/token"
            : endpoint(TOKEN_PATH));
    claims.put("aud", has(Fault.WRONG_AUD) ? "DIWRONGAUDIENCE00000" : options.clientId());
    claims.put("sub", username);
    claims.put("preferred_username", username);
    claims.put("iat", issued.toEpochMilli() / 1000.0);
    claims.put("exp", issued.plus(ID_TOKEN_LIFETIME).getEpochSecond());
    claims.put("auth_time", Math.toIntExact(issued.getEpochSecond()));
    claims.put(
        "auth_result",
        ordered(
            "result", grant.outcome().result,
            "status", grant.outcome().result,
            "status_msg", grant.outcome().message));
    claims.put("auth_context", context);
    String key =
        has(Fault.BAD_SIGNATURE)
            ? new StringBuilder(options.clientSecret()).reverse().toString() + "x"
            : options.clientSecret();
    return ClientSecretJwt.sign(claims, key);
  }

  /** Why a client assertion for the endpoint is refused, if it is. */
  Optional<String> assertionProblem(String assertion, String path) {
    Map<String, Object> claims;
    try {
      claims = ClientSecretJwt.verify(assertion, options.clientSecret());
    } catch (ClientSecretJwt.InvalidJwtException e) {
      return Optional.of(e.getMessage());
    }
    if (!options.clientId().equals(claims.get("iss"))
        || !options.clientId().equals(claims.get("sub"))) {
      return Optional.of("iss and sub must be the client id");
    }
    String audience = endpoint(path);
    Object aud = claims.get("aud");
    boolean audienceMatches =
        audience.equals(aud) || (aud instanceof List<?> list && list.contains(audience));
    if (!audienceMatches) {
      return Optional.of("aud must be " + audience);
    }
    if (!notExpired(claims)) {
      return Optional.of("the assertion has expired or has no exp");
    }
    if (!(claims.get("jti") instanceof String jti) || jti.isBlank()) {
      return Optional.of("the assertion has no jti");
    }
    return Optional.empty();
  }

  private Optional<Answer> brokenApi() {
    if (has(Fault.HTTP_500)) {
      return Optional.of(Answer.text(500, "Internal Server Error"));
    }
    if (has(Fault.HTTP_503)) {
      return Optional.of(Answer.text(503, "Service Unavailable"));
    }
    if (has(Fault.HTTP_429)) {
      return Optional.of(
          Answer.json(
              429,
              StrictJson.write(
                  ordered(
                      "stat", "FAIL",
                      "code", 42901,
                      "message", "Too Many Requests",
                      "message_detail", "Rate limit exceeded."))));
    }
    if (has(Fault.HTTP_400)) {
      return Optional.of(
          Answer.json(
              400,
              StrictJson.write(
                  ordered(
                      "stat", "FAIL",
                      "code", 40001,
                      "message", "invalid_request",
                      "message_detail", "The request is missing a required parameter."))));
    }
    if (has(Fault.MALFORMED_JSON)) {
      return Optional.of(Answer.json(200, BROKEN_JSON));
    }
    return Optional.empty();
  }

  private boolean notExpired(Map<String, Object> claims) {
    return claims.get("exp") instanceof Number exp
        && exp.doubleValue() > clock.instant().getEpochSecond();
  }

  private static Answer oauthError(String error, String description) {
    return Answer.json(
        400, StrictJson.write(ordered("error", error, "error_description", description)));
  }

  private static Answer refuse(String message) {
    return Answer.page(400, PromptPage.problem(message));
  }

  private static Answer errorRedirect(URI redirectUri, String state) {
    return Answer.redirect(
        withQuery(
            redirectUri,
            "error=access_denied&error_description="
                + Forms.encode("The user or Duo refused the sign-in.")
                + "&state="
                + Forms.encode(state)));
  }

  private static URI withQuery(URI base, String query) {
    String text = base.toString();
    return URI.create(text + (base.getRawQuery() == null ? "?" : "&") + query);
  }

  private static Optional<URI> webAddress(Object value) {
    if (!(value instanceof String text) || text.length() > 2048) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!web || uri.getHost() == null || uri.getRawFragment() != null) {
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private String randomId(int length) {
    return EmulatorOptions.randomAlphanumeric(random, length);
  }

  private static String key(String username) {
    return username.strip().toLowerCase(Locale.ROOT);
  }

  /** A stable Duo-style user key, so that the same user keeps the same key. */
  private static String userKey(String username) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
      return "DU" + HexFormat.of().withUpperCase().formatHex(digest, 0, 9);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Single-use entries that expire, at most {@code max} of them; the oldest go first. */
  private static final class Expiring<T> {
    private record Entry<T>(T value, Instant expiresAt) {}

    private final LinkedHashMap<String, Entry<T>> entries = new LinkedHashMap<>();
    private final int max;

    Expiring(int max) {
      this.max = max;
    }

    synchronized void put(String key, T value, Instant expiresAt, Instant now) {
      entries.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
      while (entries.size() >= max) {
        entries.remove(entries.keySet().iterator().next());
      }
      entries.put(key, new Entry<>(value, expiresAt));
    }

    synchronized Optional<T> take(String key, Instant now) {
      if (key == null) {
        return Optional.empty();
      }
      Entry<T> entry = entries.remove(key);
      if (entry == null || !entry.expiresAt().isAfter(now)) {
        return Optional.empty();
      }
      return Optional.of(entry.value());
    }
  }
}
