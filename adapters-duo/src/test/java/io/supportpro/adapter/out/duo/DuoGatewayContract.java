package io.supportpro.adapter.out.duo;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoGateway.Failure;
import io.supportpro.adapter.out.duo.DuoGateway.Health;
import io.supportpro.adapter.out.duo.DuoGateway.Prompt;
import io.supportpro.adapter.out.duo.DuoGateway.Result;
import io.supportpro.adapter.out.duo.emulator.Fault;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link DuoGateway} must do, against a Duo service that the implementation controls: a
 * real one (an emulator) for the SDK adapter, the fake itself for the in-memory gateway.
 */
public abstract class DuoGatewayContract {
  protected static final String ALICE = "alice";
  protected static final String BOB = "bob";
  private static final String STATE = "0123456789abcdef0123456789abcdef0123";
  private static final String OTHER_SECRET = "ZZZZZZZZZZZZZZZZZZZZzzzzzzzzzzzzzzzzzzzz";

  /** The gateway under test. */
  protected abstract DuoGateway gateway();

  /** A connection whose credentials the service accepts. */
  protected abstract DuoConnection connection();

  /** The user's approvals come out {@code allow}. */
  protected abstract void allow(String username);

  /** The user's approvals come out {@code deny}. */
  protected abstract void deny(String username);

  /** Makes the service misbehave until {@link #clearFaults()}. */
  protected abstract void inject(Fault fault);

  /** Makes the service behave again. */
  protected abstract void clearFaults();

  /**
   * Acts as the user's browser: opens the prompt address, presses Approve, and returns the address
   * Duo sends the browser back to (which carries {@code duo_code} and {@code state}, or {@code
   * error}).
   */
  protected abstract URI approveInBrowser(URI promptLocation);

  @BeforeEach
  void startWithAWorkingService() {
    clearFaults();
    allow(ALICE);
    allow(BOB);
  }

  @Test
  void healthCheck_withGoodCredentials_isAvailable() {
    assertThat(gateway().healthCheck(connection())).isEqualTo(new Health.Available());
  }

  @Test
  void healthCheck_withWrongSecret_isInvalidConfiguration() {
    Health health = gateway().healthCheck(withSecret(OTHER_SECRET));

    assertThat(health)
        .isInstanceOfSatisfying(
            Health.Unavailable.class,
            unavailable -> {
              assertThat(unavailable.failure()).isEqualTo(Failure.INVALID_CONFIGURATION);
              assertNoSecret(unavailable.detail(), OTHER_SECRET);
            });
  }

  @Test
  void prompt_redirectsAndTheStateComesBackWithTheCode() {
    Prompt prompt = gateway().prompt(connection(), ALICE, STATE);

    assertThat(prompt).isInstanceOf(Prompt.Redirect.class);
    Map<String, String> back = approve(prompt);
    assertThat(back).containsEntry("state", STATE).containsKey("duo_code");
    assertThat(back).doesNotContainKey("error");
  }

  @Test
  void exchange_afterApproval_isVerifiedAndAllowedForTheSameUser() {
    String code = approvedCode(ALICE);

    Result result = gateway().exchange(connection(), code, ALICE);

    assertThat(result)
        .isInstanceOfSatisfying(
            Result.Verified.class,
            verified -> {
              assertThat(verified.username()).isEqualTo(ALICE);
              assertThat(verified.allowed()).isTrue();
              assertThat(verified.transactionId()).isNotBlank();
              assertThat(verified.factor()).isNotBlank();
            });
  }

  @Test
  void exchange_forADeniedUser_isVerifiedButNotAllowed() {
    deny(BOB);
    String code = approvedCode(BOB);

    Result result = gateway().exchange(connection(), code, BOB);

    assertThat(result)
        .isInstanceOfSatisfying(
            Result.Verified.class,
            verified -> {
              assertThat(verified.username()).isEqualTo(BOB);
              assertThat(verified.allowed()).isFalse();
            });
  }

  @Test
  void exchange_ofAReplayedCode_isInvalidResponse() {
    String code = approvedCode(ALICE);
    assertThat(gateway().exchange(connection(), code, ALICE)).isInstanceOf(Result.Verified.class);

    assertUnverified(gateway().exchange(connection(), code, ALICE), Failure.INVALID_RESPONSE);
  }

  @Test
  void exchange_ofACodeForAnotherUser_isInvalidResponse() {
    String code = approvedCode(ALICE);

    assertUnverified(gateway().exchange(connection(), code, BOB), Failure.INVALID_RESPONSE);
  }

  @Test
  void exchange_ofAnUnknownCode_isInvalidResponse() {
    assertUnverified(
        gateway().exchange(connection(), "notAcodeDuoEverIssued0123456789", ALICE),
        Failure.INVALID_RESPONSE);
  }

  @Test
  void exchange_withWrongSecret_isInvalidConfiguration() {
    String code = approvedCode(ALICE);

    assertUnverified(
        gateway().exchange(withSecret(OTHER_SECRET), code, ALICE), Failure.INVALID_CONFIGURATION);
  }

  /** Only a service that is down or failing is an outage; an answer refusing the request is not. */
  @ParameterizedTest
  @EnumSource(Fault.class)
  void healthCheck_underAFault_isAnOutageOnlyWhenDuoIsDownOrFailing(Fault fault) {
    inject(fault);

    Health health = gateway().healthCheck(connection());

    boolean outage =
        health instanceof Health.Unavailable unavailable && unavailable.failure().isOutage();
    assertThat(outage)
        .isEqualTo(
            switch (fault) {
              case DOWN, SLOW, HTTP_500, HTTP_503 -> true;
              default -> false;
            });
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void healthCheck_underAFault_answersTheMatchingFailure(Fault fault) {
    inject(fault);

    Health health = gateway().healthCheck(connection());

    Optional<Failure> expected = healthFailure(fault);
    if (expected.isEmpty()) {
      assertThat(health).isEqualTo(new Health.Available());
    } else {
      assertThat(health)
          .isInstanceOfSatisfying(
              Health.Unavailable.class,
              unavailable -> {
                assertThat(unavailable.failure()).isEqualTo(expected.get());
                assertNoSecret(unavailable.detail(), connection().clientSecret());
              });
    }
  }

  /** The prompt address is signed locally, so no fault of the service stops it. */
  @ParameterizedTest
  @EnumSource(Fault.class)
  void prompt_underAFault_stillRedirects(Fault fault) {
    inject(fault);

    assertThat(gateway().prompt(connection(), ALICE, STATE)).isInstanceOf(Prompt.Redirect.class);
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = "ERROR_REDIRECT")
  void exchange_underAFault_answersTheMatchingFailure(Fault fault) {
    String code = approvedCode(ALICE);
    inject(fault);

    assertUnverified(gateway().exchange(connection(), code, ALICE), exchangeFailure(fault));
  }

  @Test
  void prompt_underErrorRedirect_sendsTheBrowserBackWithAnErrorAndNoCode() {
    inject(Fault.ERROR_REDIRECT);
    Prompt prompt = gateway().prompt(connection(), ALICE, STATE);

    Map<String, String> back = approve(prompt);

    assertThat(back).containsEntry("error", "access_denied").containsEntry("state", STATE);
    assertThat(back).doesNotContainKey("duo_code");
  }

  /** What a health check answers under the fault; empty for Available. */
  protected static Optional<Failure> healthFailure(Fault fault) {
    return switch (fault) {
      case DOWN, SLOW -> Optional.of(Failure.UNREACHABLE);
      case HTTP_500, HTTP_503 -> Optional.of(Failure.SERVICE_ERROR);
      case HTTP_429 -> Optional.of(Failure.RATE_LIMITED);
      case HTTP_400 -> Optional.of(Failure.REQUEST_REFUSED);
      case MALFORMED_JSON -> Optional.of(Failure.MALFORMED_ANSWER);
      case STAT_FAIL -> Optional.of(Failure.INVALID_CONFIGURATION);
      case BAD_SIGNATURE, WRONG_ISS, WRONG_AUD, WRONG_USER, EXPIRED, ERROR_REDIRECT ->
          Optional.empty();
    };
  }

  /** What exchanging a good code answers under the fault. */
  protected static Failure exchangeFailure(Fault fault) {
    return switch (fault) {
      case DOWN, SLOW -> Failure.UNREACHABLE;
      case HTTP_500, HTTP_503 -> Failure.SERVICE_ERROR;
      case HTTP_429 -> Failure.RATE_LIMITED;
      case HTTP_400 -> Failure.REQUEST_REFUSED;
      case MALFORMED_JSON -> Failure.MALFORMED_ANSWER;
      case STAT_FAIL -> Failure.INVALID_CONFIGURATION;
      case BAD_SIGNATURE, WRONG_ISS, WRONG_AUD, WRONG_USER, EXPIRED, ERROR_REDIRECT ->
          Failure.INVALID_RESPONSE;
    };
  }

  /** A code the user approved in the browser. */
  protected String approvedCode(String username) {
    Prompt prompt = gateway().prompt(connection(), username, STATE);
    Map<String, String> back = approve(prompt);
    assertThat(back).containsEntry("state", STATE).containsKey("duo_code");
    return back.get("duo_code");
  }

  /** Approves the prompt in the browser and returns the parameters Duo sends back. */
  protected Map<String, String> approve(Prompt prompt) {
    assertThat(prompt).isInstanceOf(Prompt.Redirect.class);
    URI back = approveInBrowser(((Prompt.Redirect) prompt).location());
    URI redirect = connection().redirectUri();
    assertThat(back.getScheme()).isEqualTo(redirect.getScheme());
    assertThat(back.getRawAuthority()).isEqualTo(redirect.getRawAuthority());
    assertThat(back.getRawPath()).isEqualTo(redirect.getRawPath());
    return parameters(back);
  }

  protected DuoConnection withSecret(String secret) {
    DuoConnection good = connection();
    return new DuoConnection(
        good.clientId(),
        secret,
        good.apiHost(),
        good.redirectUri(),
        good.proxy(),
        good.extraCertificatePins());
  }

  protected void assertUnverified(Result result, Failure failure) {
    assertThat(result)
        .isInstanceOfSatisfying(
            Result.Unverified.class,
            unverified -> {
              assertThat(unverified.failure()).isEqualTo(failure);
              assertNoSecret(unverified.detail(), connection().clientSecret());
            });
  }

  protected static void assertNoSecret(String detail, String secret) {
    assertThat(detail).isNotNull().doesNotContain(secret).doesNotContain("\n");
  }

  private static Map<String, String> parameters(URI uri) {
    var parameters = new HashMap<String, String>();
    String query = uri.getRawQuery();
    if (query == null) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
