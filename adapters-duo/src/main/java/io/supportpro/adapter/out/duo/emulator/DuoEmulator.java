package io.supportpro.adapter.out.duo.emulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.supportpro.adapter.out.duo.DuoConnection;
import io.supportpro.adapter.out.duo.DuoHosts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Duo's Universal Prompt service, for the demo and for tests: the API over
 * HTTPS behind a CONNECT proxy (so the real SDK, pinned to the emulator's test CA, reaches it as
 * {@link #apiHost()} on port 443), and the prompt page also over plain HTTP at {@link
 * #promptBase()} for a browser on the same machine. Everything listens on 127.0.0.1 only.
 *
 * <p>Users are allowed unless set to {@link #deny(String)}; faults are injected with {@link
 * #inject(Fault)}. The SDK's JVM must trust the test CA: see {@link #writeMergedTrustStore(Path)}.
 */
public final class DuoEmulator implements AutoCloseable {
  /** Where its proxy listens: the loopback address. */
  public static final String PROXY_HOST = "127.0.0.1";

  private final EmulatorOptions options;
  private final EmulatorTls tls;
  private final EmulatedDuo duo;
  private final ExecutorService executor;
  private final HttpsServer api;
  private final HttpServer prompt;
  private final ConnectProxy proxy;

  private DuoEmulator(EmulatorOptions options) throws IOException {
    this.options = options;
    this.tls = EmulatorTls.load();
    this.duo = new EmulatedDuo(options, InstantSource.system());
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpsServer https = null;
    HttpServer http = null;
    try {
      https = HttpsServer.create(loopback, 50);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
      https.createContext("/", new HttpFront(duo, true, options.slowDelay()));
      https.setExecutor(executor);
      https.start();
      http = HttpServer.create(loopback, 50);
      http.createContext("/", new HttpFront(duo, false, options.slowDelay()));
      http.setExecutor(executor);
      http.start();
      this.proxy =
          new ConnectProxy(
              options.apiHost(), https.getAddress().getPort(), () -> duo.has(Fault.DOWN));
    } catch (IOException | RuntimeException e) {
      if (https != null) {
        https.stop(0);
      }
      if (http != null) {
        http.stop(0);
      }
      executor.shutdownNow();
      throw e;
    }
    this.api = https;
    this.prompt = http;
  }

  /** Starts an emulator with the options; close it to stop every server and thread. */
  public static DuoEmulator start(EmulatorOptions options) throws IOException {
    return new DuoEmulator(Objects.requireNonNull(options, "options"));
  }

  /** The port of the CONNECT proxy on 127.0.0.1, the only way to the API. */
  public int proxyPort() {
    return proxy.port();
  }

  /**
   * Where a browser on this machine opens the prompt: {@code http://127.0.0.1:<port>}, to put in
   * place of {@code https://{apiHost}} in a prompt address.
   */
  public URI promptBase() {
    return URI.create("http://127.0.0.1:" + prompt.getAddress().getPort());
  }

  /** The API host name, which only the proxy resolves. */
  public String apiHost() {
    return options.apiHost();
  }

  /** The pin of the emulator's test CA, {@code sha256/} and the base64 SHA-256 of its key. */
  public String caCertificatePin() {
    return tls.caPin();
  }

  public String clientId() {
    return options.clientId();
  }

  public String clientSecret() {
    return options.clientSecret();
  }

  /**
   * A connection to this emulator: its credentials and API host, through its proxy, pinned to its
   * CA; Duo sends the browser back to {@code redirectUri}.
   */
  public DuoConnection connection(URI redirectUri) {
    return new DuoConnection(
        options.clientId(),
        options.clientSecret(),
        options.apiHost(),
        redirectUri,
        Optional.of(new DuoConnection.Proxy(PROXY_HOST, proxyPort())),
        List.of(caCertificatePin()));
  }

  /**
   * The hosts a server must allow to reach this emulator (its API host and its proxy), as {@code
   * SUPPORTPRO_DUO_ALLOWED_HOSTS} would list them.
   */
  public DuoHosts hosts() {
    return new DuoHosts(List.of(options.apiHost(), PROXY_HOST));
  }

  /** The user's approvals come out {@code allow} (the default for every user). */
  public void allow(String username) {
    duo.allow(Objects.requireNonNull(username, "username"));
  }

  /** The user's approvals come out {@code deny}, as for a user Duo's policy refuses. */
  public void deny(String username) {
    duo.deny(Objects.requireNonNull(username, "username"));
  }

  /** Adds a fault; several may be active at once. */
  public void inject(Fault fault) {
    duo.inject(Objects.requireNonNull(fault, "fault"));
    if (fault == Fault.DOWN) {
      proxy.dropAll();
    }
  }

  /** Removes every fault. */
  public void clearFaults() {
    duo.clearFaults();
  }

  /** The faults now active. */
  public Set<Fault> faults() {
    return duo.faults();
  }

  /**
   * Writes this JVM's current trust store plus the emulator's CA to {@code file} (PKCS12, password
   * {@code changeit}). A store with the emulator's CA alone would replace every other root and
   * break other TLS in the JVM, so the two are merged. Install the result with {@link
   * TrustStore#install()} before the first Duo client is built.
   */
  public TrustStore writeMergedTrustStore(Path file) throws IOException {
    return tls.writeMergedTrustStore(Objects.requireNonNull(file, "file"));
  }

  /** The HTTPS port of the API, for tests that talk TLS to it directly. */
  int httpsPort() {
    return api.getAddress().getPort();
  }

  @Override
  public void close() {
    proxy.close();
    api.stop(0);
    prompt.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "DuoEmulator[apiHost=%s, proxyPort=%d, promptBase=%s]"
        .formatted(apiHost(), proxyPort(), promptBase());
  }
}
