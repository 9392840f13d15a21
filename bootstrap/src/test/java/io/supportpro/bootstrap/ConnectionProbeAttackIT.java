package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.adapter.in.web.testing.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An administrator pointing Test connection at hosts and ports inside the network, to learn what
 * listens there: a closed port, a port that speaks no HTTP and a plain HTTP server must all get the
 * same answer, every test is audited, and a host outside Duo's domains and the allowed list is
 * never contacted.
 */
class ConnectionProbeAttackIT {
  /** Loopback addresses the API hostname cases listen on at port 443, the SDK's only port. */
  static final String CLOSED_HOST = "127.80.0.1";

  static final String RAW_HOST = "127.80.0.2";
  static final String HTTP_HOST = "127.80.0.3";
  static final String UNLISTED_HOST = "127.80.0.4";

  /** The hosts the panel is told to allow besides the emulator's. */
  static final List<String> ALLOWED = List.of(CLOSED_HOST, RAW_HOST, HTTP_HOST);

  private static final String SECRET = "s".repeat(40);

  private final List<AutoCloseable> listeners = new ArrayList<>();
  private Panel panel;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable listener : listeners) {
      listener.close();
    }
    if (panel != null) {
      panel.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void everyKindOfConnectionFailure_getsTheSameAnswerAndIsAudited(Store store) throws Exception {
    Browser admin = administrator(store);
    AtomicInteger contacted = new AtomicInteger();
    int closedPort = closedPort();
    int rawPort = rawListener("127.0.0.1", 0, contacted);
    int httpPort = httpServer("127.0.0.1", 0);
    rawListener(RAW_HOST, 443, contacted);
    httpServer(HTTP_HOST, 443);

    List<Response> answers =
        List.of(
            PluginSteps.testConnection(admin, DuoSetup.ID, fields(CLOSED_HOST, "", "")),
            PluginSteps.testConnection(admin, DuoSetup.ID, fields(RAW_HOST, "", "")),
            PluginSteps.testConnection(admin, DuoSetup.ID, fields(HTTP_HOST, "", "")),
            PluginSteps.testConnection(
                admin,
                DuoSetup.ID,
                fields(DuoSetup.DUO_HOST, "127.0.0.1", Integer.toString(closedPort))),
            PluginSteps.testConnection(
                admin,
                DuoSetup.ID,
                fields(DuoSetup.DUO_HOST, "127.0.0.1", Integer.toString(rawPort))),
            PluginSteps.testConnection(
                admin,
                DuoSetup.ID,
                fields(DuoSetup.DUO_HOST, "127.0.0.1", Integer.toString(httpPort))));

    String first = Html.text(answers.getFirst().body());
    for (Response answer : answers) {
      assertThat(answer.status()).as(answer.text()).isEqualTo(answers.getFirst().status());
      assertThat(Html.text(answer.body())).isEqualTo(first);
      assertThat(answer.text()).doesNotContain(SECRET);
    }
    assertThat(
            panel.count(
                "select count(*) from audit_event where event_type = 'PLUGIN_CONNECTION_TESTED'"
                    + " and subject = ? and actor_name = 'root' and client_address <> ''",
                DuoSetup.ID))
        .isEqualTo(answers.size());
    assertThat(panel.count("select count(*) from audit_event where details like ?", "%sss%"))
        .isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aHostOutsideDuoAndTheAllowedList_isRefusedWithoutBeingContacted(Store store)
      throws Exception {
    Browser admin = administrator(store);
    AtomicInteger contacted = new AtomicInteger();
    rawListener(UNLISTED_HOST, 443, contacted);
    int proxyPort = rawListener(UNLISTED_HOST, 0, contacted);

    Response byApiHost =
        PluginSteps.testConnection(admin, DuoSetup.ID, fields(UNLISTED_HOST, "", ""));
    Response byProxy =
        PluginSteps.testConnection(
            admin,
            DuoSetup.ID,
            fields(DuoSetup.DUO_HOST, UNLISTED_HOST, Integer.toString(proxyPort)));
    Response saved = PluginSteps.saveSettings(admin, DuoSetup.ID, fields(UNLISTED_HOST, "", ""));

    assertThat(byApiHost.status()).isEqualTo(422);
    assertThat(byApiHost.text()).contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
    assertThat(byProxy.status()).isEqualTo(422);
    assertThat(byProxy.text()).contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
    assertThat(saved.status()).isEqualTo(422);
    assertThat(panel.count("select count(*) from plugin_setting")).isZero();
    Thread.sleep(200);
    assertThat(contacted).hasValue(0);
  }

  private Browser administrator(Store store) {
    panel = Panel.start(store, ALLOWED);
    panel.operator("root", "administrator");
    Browser admin = panel.browser();
    assertThat(signIn(admin, "root", Panel.PASSWORD).status()).isEqualTo(303);
    PluginSteps.installAndActivate(admin, DuoSetup.ID);
    return admin;
  }

  private static Map<String, String> fields(String apiHost, String proxyHost, String proxyPort) {
    Map<String, String> fields =
        new LinkedHashMap<>(DuoSetup.formFields("DIABCDEFGHIJ12345678", SECRET, apiHost, "closed"));
    fields.put("setting-proxy_host", proxyHost);
    fields.put("setting-proxy_port", proxyPort);
    return fields;
  }

  private static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A TCP listener that greets like an SSH server and counts who connects. */
  private int rawListener(String host, int port, AtomicInteger contacted) throws IOException {
    var server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 10);
    listeners.add(server);
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                  contacted.incrementAndGet();
                  socket.setSoTimeout(1_000);
                  socket
                      .getOutputStream()
                      .write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                  socket.getInputStream().read(new byte[1024]);
                } catch (IOException e) {
                  // closed by the test, or the client gave up: either way the next one is served
                }
              }
            });
    return server.getLocalPort();
  }

  /** A plain HTTP server that answers every request with a page. */
  private int httpServer(String host, int port) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 10);
      server.createContext(
          "/",
          exchange -> {
            byte[] page = "<h1>Intranet</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
          });
      server.start();
      listeners.add(() -> server.stop(0));
      return server.getAddress().getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
