package io.supportpro.adapter.out.duo;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoGateway.Failure;
import io.supportpro.adapter.out.duo.DuoGateway.Health;
import io.supportpro.adapter.out.duo.DuoGateway.Prompt;
import io.supportpro.adapter.out.duo.DuoGateway.Result;
import io.supportpro.adapter.out.duo.emulator.DuoEmulator;
import io.supportpro.adapter.out.duo.emulator.EmulatorOptions;
import io.supportpro.adapter.out.duo.emulator.Fault;
import io.supportpro.adapter.out.duo.emulator.PromptBrowser;
import io.supportpro.adapter.out.duo.emulator.TrustStore;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Duo SDK against the emulator: HTTPS through the CONNECT proxy, pinned to the emulator's
 * CA, trusted through a merged trust store installed before any client is built.
 */
class DuoSdkGatewayIT extends DuoGatewayContract {
  private static final URI REDIRECT = URI.create("https://panel.supportpro.test/duo/callback");
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration SLOW_DELAY = Duration.ofSeconds(4);

  private static DuoEmulator emulator;
  private static TrustStore trustStore;
  private static DuoSdkGateway gateway;
  private static DuoConnection connection;

  @BeforeAll
  static void startEmulator() throws Exception {
    emulator = DuoEmulator.start(EmulatorOptions.defaults().withSlowDelay(SLOW_DELAY));
    trustStore =
        emulator.writeMergedTrustStore(Path.of("target", "duo-emulator", "truststore.p12"));
    trustStore.install();
    connection = emulator.connection(REDIRECT);
    gateway = new DuoSdkGateway(TIMEOUT, Optional.of(emulator.promptBase()), emulator.hosts());
    // Load OkHttp, TLS and the JIT once, so that the short timeouts below measure Duo only.
    var patient = new DuoSdkGateway(Duration.ofSeconds(30), Optional.empty(), emulator.hosts());
    assertThat(patient.healthCheck(connection)).isEqualTo(new Health.Available());
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @Override
  protected DuoGateway gateway() {
    return gateway;
  }

  @Override
  protected DuoConnection connection() {
    return connection;
  }

  @Override
  protected void allow(String username) {
    emulator.allow(username);
  }

  @Override
  protected void deny(String username) {
    emulator.deny(username);
  }

  @Override
  protected void inject(Fault fault) {
    emulator.inject(fault);
  }

  @Override
  protected void clearFaults() {
    emulator.clearFaults();
  }

  @Override
  protected URI approveInBrowser(URI promptLocation) {
    assertThat(promptLocation.toString())
        .startsWith(emulator.promptBase() + "/oauth/v1/authorize?");
    return PromptBrowser.direct().approve(promptLocation);
  }

  @Test
  void theSdkClient_isBuiltOncePerConnection() {
    var fresh = new DuoSdkGateway(TIMEOUT, Optional.of(emulator.promptBase()), emulator.hosts());

    fresh.healthCheck(connection);
    String code = approvedCode(ALICE);
    assertThat(fresh.exchange(emulator.connection(REDIRECT), code, ALICE))
        .isInstanceOf(Result.Verified.class);
    fresh.healthCheck(connection);
    assertThat(fresh.clientsBuilt()).isEqualTo(1);

    fresh.healthCheck(
        emulator.connection(URI.create("https://other.supportpro.test/duo/callback")));
    assertThat(fresh.clientsBuilt()).isEqualTo(2);
  }

  @Test
  void withoutThePrompBaseOverride_theBrowserReachesThePromptOverTlsThroughTheProxy()
      throws Exception {
    var production = new DuoSdkGateway(TIMEOUT, Optional.empty(), emulator.hosts());
    Prompt prompt = production.prompt(connection, ALICE, "state-0123456789abcdefghijkl");
    URI location = ((Prompt.Redirect) prompt).location();
    assertThat(location.toString()).startsWith("https://api-emulator.duo.test/oauth/v1/authorize?");

    URI back =
        PromptBrowser.throughProxy(emulator.proxyPort(), trusting(trustStore)).approve(location);
    String code = back.getRawQuery().replaceFirst("^duo_code=([^&]+)&.*$", "$1");

    assertThat(production.exchange(connection, code, ALICE))
        .isInstanceOfSatisfying(
            Result.Verified.class, verified -> assertThat(verified.allowed()).isTrue());
  }

  @Test
  void withoutTheEmulatorsPin_theConnectionFailsPinningAsUnreachable() {
    DuoConnection duoPinsOnly = withPins(List.of());
    DuoConnection wrongPin = withPins(List.of("sha256/" + "A".repeat(43) + "="));

    for (DuoConnection pinned : List.of(duoPinsOnly, wrongPin)) {
      assertThat(gateway.healthCheck(pinned))
          .isInstanceOfSatisfying(
              Health.Unavailable.class,
              unavailable -> {
                assertThat(unavailable.failure()).isEqualTo(Failure.UNREACHABLE);
                assertThat(unavailable.detail()).contains("pin");
              });
    }
  }

  @Test
  void anApiHostWithAPort_isInvalidConfigurationNotAnException() {
    var withPort =
        new DuoConnection(
            connection.clientId(),
            connection.clientSecret(),
            "127.0.0.1:8443",
            REDIRECT,
            connection.proxy(),
            connection.extraCertificatePins());

    assertThat(gateway.healthCheck(withPort))
        .isInstanceOfSatisfying(
            Health.Unavailable.class,
            unavailable ->
                assertThat(unavailable.failure()).isEqualTo(Failure.INVALID_CONFIGURATION));
  }

  @Test
  void aSlowDuo_isUnreachableWithinAboutTheTimeout() {
    var impatient = new DuoSdkGateway(Duration.ofSeconds(1), Optional.empty(), emulator.hosts());
    impatient.healthCheck(connection);
    emulator.inject(Fault.SLOW);
    long start = System.nanoTime();

    Health health = impatient.healthCheck(connection);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(health)
        .isEqualTo(new Health.Unavailable(Failure.UNREACHABLE, "Duo did not answer in time."));
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(1_800));
  }

  @Test
  void noDetail_evenOfATokenFailure_carriesTheSecret() {
    String code = approvedCode(ALICE);
    emulator.inject(Fault.BAD_SIGNATURE);

    Result result = gateway.exchange(connection, code, ALICE);

    assertThat(result)
        .isInstanceOfSatisfying(
            Result.Unverified.class,
            unverified -> {
              assertThat(unverified.failure()).isEqualTo(Failure.INVALID_RESPONSE);
              assertThat(unverified.detail())
                  .startsWith("Duo's id token did not verify")
                  .doesNotContain(connection.clientSecret());
            });
  }

  @Test
  void aMixedCaseEcho_isNotTheUserAskedFor() {
    String code = approvedCode(ALICE);

    assertThat(gateway.exchange(connection, code, "Alice"))
        .isInstanceOfSatisfying(
            Result.Unverified.class,
            unverified -> assertThat(unverified.failure()).isEqualTo(Failure.INVALID_RESPONSE));
  }

  private static DuoConnection withPins(List<String> pins) {
    return new DuoConnection(
        connection.clientId(),
        connection.clientSecret(),
        connection.apiHost(),
        connection.redirectUri(),
        connection.proxy(),
        pins);
  }

  private static SSLContext trusting(TrustStore store) throws Exception {
    KeyStore keys = KeyStore.getInstance(store.type());
    try (InputStream in = Files.newInputStream(store.path())) {
      keys.load(in, store.password().toCharArray());
    }
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
