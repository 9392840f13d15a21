package io.supportpro.adapter.out.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duosecurity.exception.DuoException;
import com.duosecurity.model.AuthContext;
import com.duosecurity.model.AuthResult;
import com.duosecurity.model.Token;
import com.fasterxml.jackson.core.JsonParseException;
import io.supportpro.adapter.out.duo.DuoErrors.Call;
import io.supportpro.adapter.out.duo.DuoGateway.Failure;
import io.supportpro.adapter.out.duo.DuoGateway.Health;
import io.supportpro.adapter.out.duo.DuoGateway.Prompt;
import io.supportpro.adapter.out.duo.DuoGateway.Result;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway's own checks and mappings, with no network: nothing here reaches a Duo. */
class DuoSdkGatewayTest {
  private static final String ID = "DIABCDEFGHIJ01234567";
  private static final String SECRET = "abcdefghijABCDEFGHIJ0123456789klmnopqrst";
  private static final String HOST = "api-1234abcd.duosecurity.com";
  private static final URI REDIRECT = URI.create("https://panel.supportpro.test/duo/callback");
  private static final String STATE = "0123456789abcdef0123456789abcdef0123";
  private static final String PIN = "sha256/" + "A".repeat(43) + "=";

  private final DuoSdkGateway gateway = DuoSdkGateway.withDefaults(DuoHosts.DUO_ONLY);

  private static DuoConnection connection(String id, String secret, String host, URI redirect) {
    return new DuoConnection(id, secret, host, redirect, Optional.empty(), List.of());
  }

  private static DuoConnection good() {
    return connection(ID, SECRET, HOST, REDIRECT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:8443", "localhost:8443", "https://" + HOST, HOST + "/x", ""})
  void anApiHostWithAPortOrScheme_isInvalidConfigurationForEveryCall(String host) {
    DuoConnection connection = connection(ID, SECRET, host, REDIRECT);

    assertThat(gateway.healthCheck(connection))
        .isInstanceOfSatisfying(
            Health.Unavailable.class,
            unavailable ->
                assertThat(unavailable.failure()).isEqualTo(Failure.INVALID_CONFIGURATION));
    assertThat(gateway.prompt(connection, "alice", STATE))
        .isEqualTo(
            new Prompt.Unavailable(
                Failure.INVALID_CONFIGURATION,
                "The API host is a host name such as api-1234abcd.duosecurity.com, with no"
                    + " scheme, port or path."));
    assertThat(gateway.exchange(connection, "code", "alice"))
        .isInstanceOfSatisfying(
            Result.Unverified.class,
            unverified ->
                assertThat(unverified.failure()).isEqualTo(Failure.INVALID_CONFIGURATION));
  }

  @Test
  void malformedCredentialsRedirectsProxiesAndPins_areInvalidConfiguration() {
    List<DuoConnection> bad =
        List.of(
            connection("DIABC", SECRET, HOST, REDIRECT),
            connection("XXABCDEFGHIJ01234567", SECRET, HOST, REDIRECT),
            connection("DIABCDEFGHIJ0123456_", SECRET, HOST, REDIRECT),
            connection(ID, SECRET.substring(1), HOST, REDIRECT),
            connection(ID, SECRET.replace('a', '^'), HOST, REDIRECT),
            connection(ID, SECRET, HOST, URI.create("/relative")),
            connection(ID, SECRET, HOST, URI.create("ftp://panel.test/cb")),
            connection(ID, SECRET, HOST, URI.create("https://panel.test/cb?next=a&b=c")),
            new DuoConnection(
                ID,
                SECRET,
                HOST,
                REDIRECT,
                Optional.of(new DuoConnection.Proxy("proxy host", 3128)),
                List.of()),
            new DuoConnection(
                ID, SECRET, HOST, REDIRECT, Optional.empty(), List.of("sha1/not-a-pin")));

    for (DuoConnection connection : bad) {
      assertThat(gateway.prompt(connection, "alice", STATE))
          .as(connection.toString())
          .isInstanceOfSatisfying(
              Prompt.Unavailable.class,
              unavailable -> {
                assertThat(unavailable.failure()).isEqualTo(Failure.INVALID_CONFIGURATION);
                assertThat(unavailable.detail()).doesNotContain(SECRET);
              });
    }
    assertThat(gateway.clientsBuilt()).isZero();
  }

  @Test
  void prompt_addressesDuosAuthorizeEndpointWithASignedRequest() {
    Prompt prompt = gateway.prompt(good(), "alice", STATE);

    URI location = ((Prompt.Redirect) prompt).location();
    assertThat(location.getScheme()).isEqualTo("https");
    assertThat(location.getHost()).isEqualTo(HOST);
    assertThat(location.getPath()).isEqualTo("/oauth/v1/authorize");
    assertThat(location.getRawQuery())
        .contains("client_id=" + ID, "response_type=code", "scope=openid", "request=");
    assertThat(requestClaims(location))
        .contains("\"state\":\"" + STATE + "\"", "\"duo_uname\":\"alice\"");
  }

  @Test
  void prompt_withABaseOverride_swapsOnlySchemeHostAndPort() {
    var local =
        new DuoSdkGateway(
            Duration.ofSeconds(5),
            Optional.of(URI.create("http://127.0.0.1:8123")),
            DuoHosts.DUO_ONLY);

    URI location = ((Prompt.Redirect) local.prompt(good(), "alice", STATE)).location();
    URI production = ((Prompt.Redirect) gateway.prompt(good(), "alice", STATE)).location();

    assertThat(location.toString()).startsWith("http://127.0.0.1:8123/oauth/v1/authorize?");
    assertThat(location.getRawQuery()).startsWith(production.getRawQuery().substring(0, 60));
    assertThat(requestClaims(location)).contains(STATE);
  }

  @Test
  void prompt_refusesAMissingUserOrABadState() {
    assertThat(gateway.prompt(good(), " ", STATE)).isInstanceOf(Prompt.Unavailable.class);
    assertThat(gateway.prompt(good(), null, STATE)).isInstanceOf(Prompt.Unavailable.class);
    assertThat(gateway.prompt(good(), "alice", "short")).isInstanceOf(Prompt.Unavailable.class);
    assertThat(gateway.prompt(good(), "alice", null)).isInstanceOf(Prompt.Unavailable.class);
    assertThat(gateway.prompt(good(), "alice", "x".repeat(1025)))
        .isInstanceOf(Prompt.Unavailable.class);
    assertThat(gateway.prompt(null, "alice", STATE))
        .isEqualTo(
            new Prompt.Unavailable(
                Failure.INVALID_CONFIGURATION, "No Duo connection is configured."));
  }

  @Test
  void exchange_refusesAMissingOrMalformedCodeWithoutCallingDuo() {
    for (String code : new String[] {null, "", " ", "a b", "x".repeat(513), "code\n"}) {
      assertThat(gateway.exchange(good(), code, "alice"))
          .isEqualTo(
              new Result.Unverified(
                  Failure.INVALID_RESPONSE, "The code from the browser is missing or malformed."));
    }
    assertThat(gateway.clientsBuilt()).isZero();
  }

  @Test
  void theClient_isBuiltOncePerConnection() {
    gateway.prompt(good(), "alice", STATE);
    gateway.prompt(connection(ID, SECRET, HOST, REDIRECT), "bob", STATE);
    assertThat(gateway.clientsBuilt()).isEqualTo(1);

    gateway.prompt(connection(ID, SECRET, "api-other.duosecurity.com", REDIRECT), "alice", STATE);
    gateway.prompt(good(), "alice", STATE);
    assertThat(gateway.clientsBuilt()).isEqualTo(2);
  }

  @Test
  void theClientCache_isBounded() {
    for (int i = 0; i < DuoSdkGateway.MAX_CLIENTS * 2; i++) {
      gateway.prompt(connection(ID, SECRET, "api-" + i + ".duosecurity.com", REDIRECT), "a", STATE);
    }

    assertThat(gateway.clientsBuilt()).isEqualTo(DuoSdkGateway.MAX_CLIENTS * 2);
    assertThat(gateway.clientsCached()).isBetween(1, DuoSdkGateway.MAX_CLIENTS);
  }

  @Test
  void constructor_refusesAnUnusableTimeoutOrBase() {
    assertThatThrownBy(() -> new DuoSdkGateway(Duration.ZERO, Optional.empty(), DuoHosts.DUO_ONLY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new DuoSdkGateway(Duration.ofMinutes(5), Optional.empty(), DuoHosts.DUO_ONLY))
        .isInstanceOf(IllegalArgumentException.class);
    for (String base :
        new String[] {"ftp://127.0.0.1", "http://127.0.0.1/path", "http://127.0.0.1?q", "/x"}) {
      assertThatThrownBy(
              () ->
                  new DuoSdkGateway(
                      Duration.ofSeconds(1), Optional.of(URI.create(base)), DuoHosts.DUO_ONLY))
          .as(base)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void duoPins_areTheSdksDefaultsFollowedByTheExtraOnes() {
    assertThat(DuoPins.defaults())
        .hasSize(15)
        .allMatch(pin -> pin.matches("sha256/[A-Za-z0-9+/]{43}="));

    String[] pins = DuoPins.withExtra(List.of(PIN, DuoPins.defaults().get(0)));

    assertThat(pins)
        .hasSize(16)
        .startsWith(DuoPins.defaults().toArray(String[]::new))
        .endsWith(PIN);
  }

  @Test
  void detail_isOneShortLineWithoutTheSecret() {
    String detail =
        DuoSdkGateway.detail("first\nsecond\r\n\tthird " + SECRET + " " + "x".repeat(400), good());

    assertThat(detail)
        .doesNotContain(SECRET, "\n", "\r", "\t")
        .startsWith("first second third [secret]")
        .hasSize(DuoSdkGateway.MAX_DETAIL);
  }

  private static DuoException status(int code, String body) {
    var error = new DuoHttpError(code, body);
    return new DuoException(error.getMessage(), error);
  }

  @Test
  void errors_mapToTheFailureTheyMean() {
    var network = new DuoException("Failed to connect", new ConnectException("refused"));
    var pinning =
        new DuoException(
            "pinning", new SSLPeerUnverifiedException("Certificate pinning failure!\n  chain"));
    var unreadable =
        new DuoException("bad", new JsonParseException(null, "Unexpected end-of-input"));
    var statFail = new DuoException("invalid_client");
    var invalidGrant = status(400, "{\"error\":\"invalid_grant\"}");
    var invalidClient = status(400, "{\"error\":\"invalid_client\"}");
    var unauthorized = status(401, "");
    var badRequest = status(400, "{\"stat\":\"FAIL\",\"message\":\"invalid_request\"}");
    var notFound = status(404, "Not Found");
    var rateLimited = status(429, "{\"stat\":\"FAIL\",\"code\":42901}");
    var serverError = status(500, "oops");
    var unavailable = status(503, "Service Unavailable");
    var forged =
        new DuoException(
            "ID Token verification failed", new IllegalStateException("bad signature"));
    var noToken = new DuoException("ID Token verification failed: Null token");
    var notTwoHundred = new DuoException("msg=Created, msg_detail={}");
    var noStat = new NullPointerException();

    assertThat(DuoErrors.failure(Call.HEALTH_CHECK, null)).isEqualTo(Failure.UNREACHABLE);
    assertThat(DuoErrors.failure(Call.HEALTH_CHECK, network)).isEqualTo(Failure.UNREACHABLE);
    assertThat(DuoErrors.failure(Call.EXCHANGE, pinning)).isEqualTo(Failure.UNREACHABLE);
    for (Call call : List.of(Call.HEALTH_CHECK, Call.EXCHANGE)) {
      assertThat(DuoErrors.failure(call, serverError)).isEqualTo(Failure.SERVICE_ERROR);
      assertThat(DuoErrors.failure(call, unavailable)).isEqualTo(Failure.SERVICE_ERROR);
      assertThat(DuoErrors.failure(call, rateLimited)).isEqualTo(Failure.RATE_LIMITED);
      assertThat(DuoErrors.failure(call, badRequest)).isEqualTo(Failure.REQUEST_REFUSED);
      assertThat(DuoErrors.failure(call, notFound)).isEqualTo(Failure.REQUEST_REFUSED);
      assertThat(DuoErrors.failure(call, invalidClient)).isEqualTo(Failure.INVALID_CONFIGURATION);
      assertThat(DuoErrors.failure(call, unauthorized)).isEqualTo(Failure.INVALID_CONFIGURATION);
      assertThat(DuoErrors.failure(call, unreadable)).isEqualTo(Failure.MALFORMED_ANSWER);
      assertThat(DuoErrors.failure(call, noStat)).isEqualTo(Failure.MALFORMED_ANSWER);
    }
    assertThat(DuoErrors.failure(Call.HEALTH_CHECK, invalidGrant))
        .isEqualTo(Failure.REQUEST_REFUSED);
    assertThat(DuoErrors.failure(Call.EXCHANGE, invalidGrant)).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(DuoErrors.failure(Call.HEALTH_CHECK, statFail))
        .isEqualTo(Failure.INVALID_CONFIGURATION);
    assertThat(DuoErrors.failure(Call.EXCHANGE, forged)).isEqualTo(Failure.INVALID_RESPONSE);
    assertThat(DuoErrors.failure(Call.EXCHANGE, noToken)).isEqualTo(Failure.MALFORMED_ANSWER);
    assertThat(DuoErrors.failure(Call.EXCHANGE, notTwoHundred)).isEqualTo(Failure.MALFORMED_ANSWER);
    assertThat(DuoErrors.failure(Call.EXCHANGE, new ClassCastException()))
        .isEqualTo(Failure.MALFORMED_ANSWER);
    assertThat(DuoErrors.failure(Call.PROMPT, new DuoException("Invalid state")))
        .isEqualTo(Failure.INVALID_CONFIGURATION);
    assertThat(DuoErrors.failure(Call.PROMPT, new IllegalArgumentException()))
        .isEqualTo(Failure.INVALID_CONFIGURATION);

    assertThat(DuoErrors.detail(Call.HEALTH_CHECK, pinning))
        .isEqualTo(
            "Duo's certificate chain matches no pinned certificate: Certificate pinning failure!");
    assertThat(DuoErrors.detail(Call.EXCHANGE, forged))
        .isEqualTo("Duo's id token did not verify: bad signature");
    assertThat(DuoErrors.detail(Call.EXCHANGE, noToken)).isEqualTo("Duo's answer has no id token.");
    assertThat(DuoErrors.detail(Call.EXCHANGE, invalidGrant))
        .isEqualTo("Duo answered HTTP 400: {\"error\":\"invalid_grant\"}");
    assertThat(DuoErrors.detail(Call.HEALTH_CHECK, unauthorized))
        .isEqualTo("Duo answered HTTP 401.");
    assertThat(DuoErrors.detail(Call.HEALTH_CHECK, statFail))
        .isEqualTo("Duo refused the health check: invalid_client");
    assertThat(DuoErrors.detail(Call.HEALTH_CHECK, noStat))
        .isEqualTo("Duo answered with an unusable body (the SDK threw NullPointerException).");
    assertThat(DuoErrors.detail(Call.HEALTH_CHECK, null)).isEqualTo("Duo did not answer in time.");
    assertThat(DuoErrors.detail(Call.EXCHANGE, unreadable))
        .isEqualTo("Duo's answer could not be read.");
  }

  @Test
  void verified_requiresExpiryIssueTimeAndStatus() {
    Token noExp = token("alice", "allow", "allow");
    noExp.setExp(null);
    Token noIat = token("alice", "allow", "allow");
    noIat.setIat(null);
    Token noResult = token("alice", "allow", "allow");
    noResult.setAuth_result(null);
    Token noStatus = token("alice", null, "allow");

    for (Token token : List.of(noExp, noIat, noResult, noStatus)) {
      assertThat(DuoSdkGateway.verified(token, "alice", good()))
          .isInstanceOfSatisfying(
              Result.Unverified.class,
              unverified -> assertThat(unverified.failure()).isEqualTo(Failure.INVALID_RESPONSE));
    }
    assertThat(DuoSdkGateway.verified(null, "alice", good())).isInstanceOf(Result.Unverified.class);
  }

  @Test
  void verified_isForTheExactUserAskedFor() {
    assertThat(DuoSdkGateway.verified(token("Alice", "allow", "allow"), "alice", good()))
        .isInstanceOf(Result.Unverified.class);
    assertThat(DuoSdkGateway.verified(token(null, "allow", "allow"), "alice", good()))
        .isInstanceOf(Result.Unverified.class);
  }

  @Test
  void verified_allowsOnlyWhenDuoSaysAllow() {
    assertThat(DuoSdkGateway.verified(token("alice", "allow", "allow"), "alice", good()))
        .isEqualTo(new Result.Verified("alice", true, "Login Successful", "tx-1", "duo_push"));
    assertThat(DuoSdkGateway.verified(token("alice", "deny", "deny"), "alice", good()))
        .isEqualTo(new Result.Verified("alice", false, "Login Successful", "tx-1", "duo_push"));
    assertThat(DuoSdkGateway.verified(token("alice", "allow", "deny"), "alice", good()))
        .isInstanceOfSatisfying(
            Result.Verified.class, verified -> assertThat(verified.allowed()).isFalse());
    Token bare = token("alice", "allow", null);
    bare.setAuth_context(null);
    assertThat(DuoSdkGateway.verified(bare, "alice", good()))
        .isEqualTo(new Result.Verified("alice", true, "Login Successful", "", ""));
  }

  private static Token token(String username, String status, String result) {
    var token = new Token();
    token.setPreferred_username(username);
    token.setExp(1_900_000_000);
    token.setIat(1_800_000_000.5);
    token.setAuth_result(new AuthResult("Login Successful", status, result));
    var context = new AuthContext();
    context.setTxid("tx-1");
    context.setFactor("duo_push");
    token.setAuth_context(context);
    return token;
  }

  /** The claims of the signed request in a prompt address, as JSON text. */
  private static String requestClaims(URI location) {
    String request = location.getRawQuery().replaceFirst(".*request=", "");
    String payload = request.split("\\.")[1];
    return new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
  }

  @Test
  void aHostTheServerDoesNotAllow_isRefusedBeforeAnySdkClientIsBuilt() {
    var elsewhere =
        new DuoConnection(
            ID, SECRET, "intranet.example.internal", REDIRECT, Optional.empty(), List.of());
    var proxied =
        new DuoConnection(
            ID,
            SECRET,
            HOST,
            REDIRECT,
            Optional.of(new DuoConnection.Proxy("10.0.0.5", 22)),
            List.of());

    for (DuoConnection connection : List.of(elsewhere, proxied)) {
      assertThat(gateway.healthCheck(connection))
          .isInstanceOfSatisfying(
              Health.Unavailable.class,
              refused -> {
                assertThat(refused.failure()).isEqualTo(Failure.INVALID_CONFIGURATION);
                assertThat(refused.detail()).contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
              });
    }
    assertThat(gateway.clientsBuilt()).isZero();
  }
}
