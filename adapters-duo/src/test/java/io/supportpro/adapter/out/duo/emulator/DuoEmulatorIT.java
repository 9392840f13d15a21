package io.supportpro.adapter.out.duo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.out.duo.DuoConnection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator over real sockets: its servers, proxy, TLS and transport faults. */
class DuoEmulatorIT {
  private static final String REDIRECT = "https://panel.supportpro.test/duo/callback";
  private static final String STATE = "0123456789abcdef0123456789abcdef0123";

  private static DuoEmulator emulator;

  @BeforeAll
  static void start() throws IOException {
    emulator = DuoEmulator.start(EmulatorOptions.defaults().withSlowDelay(Duration.ofMillis(700)));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @AfterEach
  void clearFaults() {
    emulator.clearFaults();
  }

  @Test
  void promptPage_overPlainHttp_isServedWithStrictHeaders() {
    HttpResponse<String> page = PromptBrowser.direct().get(promptAddress("alice"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.body()).contains("alice", "Approve", "Deny");
  }

  @Test
  void promptPage_isTheLocalTestPrompt_styledByItsOwnStylesheetAndNothingInline() {
    HttpResponse<String> page = PromptBrowser.direct().get(promptAddress("alice"));

    assertThat(page.body())
        .contains("<title>Local test prompt: approve the sign-in</title>")
        .contains("<h1>Local test prompt</h1>")
        .contains("<link rel=\"stylesheet\" href=\"" + PromptPage.STYLESHEET_PATH + "\">")
        .doesNotContain("<script", "<style", "style=");
    // The transaction's random value aside, the page names no vendor.
    assertThat(page.body().replaceAll("value=\"[^\"]*\"", "")).doesNotContainIgnoringCase("duo");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("default-src 'none'", "style-src 'self'")
                    .doesNotContain("unsafe-inline", "script-src"));

    HttpResponse<String> css =
        PromptBrowser.direct().get(emulator.promptBase().resolve(PromptPage.STYLESHEET_PATH));
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(css.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    // Buttons a finger can hit, and a visible focus for the keyboard.
    assertThat(css.body()).contains("min-height: 44px", ":focus-visible");
  }

  @Test
  void promptPage_approveAndDeny_sendTheBrowserBackWithACode() {
    URI approved = PromptBrowser.direct().approve(promptAddress("alice"));
    URI declined = PromptBrowser.direct().decline(promptAddress("alice"));

    assertThat(approved.toString()).startsWith(REDIRECT + "?duo_code=").endsWith("&state=" + STATE);
    assertThat(declined.toString()).startsWith(REDIRECT + "?duo_code=");
  }

  @Test
  void plainHttp_servesNoApi() {
    HttpResponse<String> answer =
        post(
            HttpClient.newHttpClient(),
            emulator.promptBase().resolve("/oauth/v1/health_check"),
            "a=b");

    assertThat(answer.statusCode()).isEqualTo(404);
  }

  @Test
  void api_overTlsThroughTheProxy_answersAsDuoWould() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", emulator.proxyPort())))
            .sslContext(EmulatorTls.load().clientContext())
            .build();

    HttpResponse<String> answer =
        post(
            client,
            URI.create("https://api-emulator.duo.test/oauth/v1/health_check"),
            "client_id=" + emulator.clientId() + "&client_assertion=" + healthAssertion());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(StrictJson.readObject(answer.body())).containsEntry("stat", "OK");
  }

  @Test
  void promptPage_overTlsThroughTheProxy_works() {
    PromptBrowser browser =
        PromptBrowser.throughProxy(emulator.proxyPort(), EmulatorTls.load().clientContext());
    URI plain = promptAddress("alice");
    URI prompt =
        URI.create(
            "https://api-emulator.duo.test" + plain.getRawPath() + "?" + plain.getRawQuery());

    assertThat(browser.approve(prompt).toString()).startsWith(REDIRECT + "?duo_code=");
  }

  @Test
  void proxy_tunnelsToTheApiHostOnly() throws IOException {
    assertThat(proxyReply("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(proxyReply("CONNECT api-emulator.duo.test:80 HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(proxyReply("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        .startsWith("HTTP/1.1 405");
    assertThat(proxyReply("CONNECT api-emulator.duo.test:443 HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void down_cutsOpenTunnelsAndRefusesNewOnes() throws IOException {
    try (Socket tunnel = new Socket("127.0.0.1", emulator.proxyPort())) {
      tunnel.setSoTimeout(5_000);
      send(tunnel, "CONNECT api-emulator.duo.test:443 HTTP/1.1\r\n\r\n");
      assertThat(readLine(tunnel.getInputStream())).startsWith("HTTP/1.1 200");
      readLine(tunnel.getInputStream());

      emulator.inject(Fault.DOWN);

      assertThat(tunnel.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(proxyReply("CONNECT api-emulator.duo.test:443 HTTP/1.1\r\n\r\n")).isEmpty();
    assertThatThrownBy(() -> PromptBrowser.direct().get(promptAddress("alice")))
        .isInstanceOf(java.io.UncheckedIOException.class);

    emulator.clearFaults();
    assertThat(PromptBrowser.direct().get(promptAddress("alice")).statusCode()).isEqualTo(200);
  }

  @Test
  void slow_answersOnlyAfterTheDelay() {
    emulator.inject(Fault.SLOW);
    long start = System.nanoTime();

    HttpResponse<String> page = PromptBrowser.direct().get(promptAddress("alice"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  @Test
  void mergedTrustStore_holdsTheJdksRootsAndTheEmulatorsCa(@TempDir Path directory)
      throws Exception {
    TrustStore store = emulator.writeMergedTrustStore(directory.resolve("trust/store.p12"));

    KeyStore loaded = KeyStore.getInstance(store.path().toFile(), store.password().toCharArray());
    assertThat(loaded.getCertificate(EmulatorTls.TRUSTED_ALIAS)).isEqualTo(caFromPem());
    assertThat(loaded.size()).isGreaterThan(50);
    assertThat(store.systemProperties())
        .containsEntry("javax.net.ssl.trustStore", store.path().toString())
        .containsEntry("javax.net.ssl.trustStorePassword", "changeit")
        .containsEntry("javax.net.ssl.trustStoreType", "PKCS12");
  }

  @Test
  void caCertificatePin_isTheSha256OfTheCasPublicKey() throws Exception {
    var digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(caFromPem().getPublicKey().getEncoded());

    assertThat(emulator.caCertificatePin())
        .isEqualTo("sha256/" + java.util.Base64.getEncoder().encodeToString(digest))
        .matches("sha256/[A-Za-z0-9+/]{43}=");
  }

  @Test
  void serverCertificate_isValidForYearsAndNamesTheHosts() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = EmulatorTls.class.getResourceAsStream("server.p12")) {
      store.load(in, "changeit".toCharArray());
    }
    var server = (X509Certificate) store.getCertificate("server");

    server.checkValidity(java.util.Date.from(Instant.now().plus(Duration.ofDays(365))));
    assertThat(server.getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .containsExactlyInAnyOrder((Object) "api-emulator.duo.test", "localhost", "127.0.0.1");
    server.verify(caFromPem().getPublicKey());
  }

  @Test
  void connection_goesThroughTheProxyAndPinsTheCa() {
    DuoConnection connection = emulator.connection(URI.create(REDIRECT));

    assertThat(connection.apiHost()).isEqualTo("api-emulator.duo.test");
    assertThat(connection.proxy())
        .contains(new DuoConnection.Proxy("127.0.0.1", emulator.proxyPort()));
    assertThat(connection.extraCertificatePins()).containsExactly(emulator.caCertificatePin());
    assertThat(connection.clientSecret()).isEqualTo(emulator.clientSecret()).hasSize(40);
    assertThat(emulator.toString()).doesNotContain(emulator.clientSecret());
  }

  @Test
  void close_stopsTheServersAndTheProxy() throws IOException {
    DuoEmulator other = DuoEmulator.start(EmulatorOptions.defaults());
    int proxyPort = other.proxyPort();
    URI promptBase = other.promptBase();

    other.close();

    assertThatThrownBy(() -> new Socket("127.0.0.1", proxyPort).close())
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> new Socket("127.0.0.1", promptBase.getPort()).close())
        .isInstanceOf(IOException.class);
  }

  // --- helpers ---

  private static URI promptAddress(String user) {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("scope", "openid");
    claims.put("client_id", emulator.clientId());
    claims.put("redirect_uri", REDIRECT);
    claims.put("state", STATE);
    claims.put("duo_uname", user);
    claims.put("response_type", "code");
    claims.put("use_duo_code_attribute", true);
    claims.put("exp", Instant.now().getEpochSecond() + 600);
    return emulator
        .promptBase()
        .resolve(
            "/oauth/v1/authorize?scope=openid&response_type=code&redirect_uri="
                + REDIRECT
                + "&client_id="
                + emulator.clientId()
                + "&request="
                + ClientSecretJwt.sign(claims, emulator.clientSecret()));
  }

  private static String healthAssertion() {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("iss", emulator.clientId());
    claims.put("sub", emulator.clientId());
    claims.put("aud", "https://api-emulator.duo.test/oauth/v1/health_check");
    claims.put("exp", Instant.now().getEpochSecond() + 300);
    claims.put("jti", "0123456789abcdef0123456789abcdef");
    return ClientSecretJwt.sign(claims, emulator.clientSecret());
  }

  private static HttpResponse<String> post(HttpClient client, URI address, String form) {
    try {
      return client.send(
          HttpRequest.newBuilder(address)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate caFromPem() throws Exception {
    try (InputStream in = EmulatorTls.class.getResourceAsStream("ca.pem")) {
      byte[] pem = in.readAllBytes();
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem));
    }
  }

  /** Sends a request head to the proxy and returns its first line, or "" if it just closes. */
  private static String proxyReply(String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", emulator.proxyPort())) {
      socket.setSoTimeout(5_000);
      send(socket, head);
      return readLine(socket.getInputStream());
    } catch (java.net.SocketException closedOnUs) {
      return "";
    }
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    var line = new StringBuilder();
    for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
