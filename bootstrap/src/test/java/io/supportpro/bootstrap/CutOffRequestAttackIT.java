package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.persistence.DatabaseSettings;
import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, cut-off and oversized requests written byte for byte to the runnable jar over
 * loopback: each is refused with its 4xx answer and at most one line in the log, never a 500 nor a
 * stack trace. The log is the jar's own standard error, as an administrator reads it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CutOffRequestAttackIT {
  private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";
  private static final String CLOSE = "Host: 127.0.0.1\r\nConnection: close\r\n";
  private static final int LIMIT = 1_000_000;

  /** What the client sees when the server closes the connection without an answer. */
  private static final int CLOSED = -1;

  /**
   * A request as bytes, whether the client then closes its sending side, and the answers allowed.
   */
  enum Shape {
    /** The tester's request: 14 of 100 announced bytes, then the sending side closed. */
    CUT_OFF_BODY(
        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + FORM
            + "Content-Length: 100\r\n\r\nlogin=x&passwo",
        true,
        400),
    CUT_OFF_CHUNKED_BODY(
        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + FORM
            + "Transfer-Encoding: chunked\r\n\r\n64\r\nlogin=x",
        true,
        400),
    /** A request whose head never ended may be answered or just closed: it has no answer due. */
    CUT_OFF_HEADERS("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: b", true, 400, CLOSED),
    MALFORMED_CHUNK_SIZE(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + FORM
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        false,
        400),
    OVERFLOWING_CHUNK_SIZE(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + FORM
            + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\nlogin\r\n0\r\n\r\n",
        false,
        400),
    HUGE_CHUNK_EXTENSION(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + FORM
            + "Transfer-Encoding: chunked\r\n\r\n5;"
            + "e".repeat(100_000)
            + "\r\nlogin\r\n0\r\n\r\n",
        false,
        400),
    /** Announces more than the limit and sends only a little: refused without waiting for it. */
    CONTENT_LENGTH_OVER_THE_LIMIT(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + FORM
            + "Content-Length: "
            + (2 * LIMIT)
            + "\r\n\r\nlogin=x",
        false,
        413),
    CHUNKED_BODY_OVER_THE_LIMIT(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + FORM
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(LIMIT + 100_000)
            + "\r\nlogin="
            + "a".repeat(LIMIT + 100_000 - 6)
            + "\r\n0\r\n\r\n",
        false,
        413),
    INVALID_PERCENT_ESCAPE(
        "POST /login HTTP/1.1\r\n" + CLOSE + FORM + "Content-Length: 9\r\n\r\nlogin=%zz",
        false,
        400),
    INVALID_UTF8_ESCAPE(
        "POST /login HTTP/1.1\r\n" + CLOSE + FORM + "Content-Length: 12\r\n\r\nlogin=%C3%28",
        false,
        400),
    WRONG_CONTENT_TYPE(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"login\":\"x\"}",
        false,
        415),
    HUGE_HEADER(
        "GET /login HTTP/1.1\r\n" + CLOSE + "X-Big: " + "a".repeat(100_000) + "\r\n\r\n",
        false,
        431),
    HUGE_ADDRESS(
        "GET /login?q=" + "a".repeat(100_000) + " HTTP/1.1\r\n" + CLOSE + "\r\n", false, 414),
    BAD_HOST("GET /login HTTP/1.1\r\nHost: exa mple\r\nConnection: close\r\n\r\n", false, 400),
    TWO_HOSTS("GET /login HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n", false, 400),
    NO_HOST("GET /login HTTP/1.1\r\nConnection: close\r\n\r\n", false, 400),
    CONTENT_LENGTH_AND_CHUNKED(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + FORM
            + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        false,
        400),
    TWO_CONTENT_LENGTHS(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + FORM
            + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nlogin=",
        false,
        400),
    CHUNKED_NOT_LAST(
        "POST /login HTTP/1.1\r\n"
            + CLOSE
            + FORM
            + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
        false,
        400),
    NEGATIVE_CONTENT_LENGTH(
        "POST /login HTTP/1.1\r\n" + CLOSE + FORM + "Content-Length: -1\r\n\r\n", false, 400),
    OBSOLETE_LINE_FOLDING("GET /login HTTP/1.1\r\n" + CLOSE + "X-A: b\r\n c\r\n\r\n", false, 400),
    NOT_HTTP("GARBAGE\r\n\r\n", false, 400),
    INVALID_ESCAPE_IN_PATH("GET /%zz HTTP/1.1\r\n" + CLOSE + "\r\n", false, 400),
    /** HTTP's own answer to a version it does not speak is 505; it is no failure of the panel. */
    UNKNOWN_HTTP_VERSION("GET /login HTTP/7.1\r\n" + CLOSE + "\r\n", false, 505);

    final byte[] request;
    final boolean closeSendingSide;
    final Set<Integer> answers;

    Shape(String request, boolean closeSendingSide, Integer... answers) {
      this.request = request.getBytes(StandardCharsets.ISO_8859_1);
      this.closeSendingSide = closeSendingSide;
      this.answers = Set.of(answers);
    }
  }

  private final Map<Store, JarProcess> servers = new EnumMap<>(Store.class);
  private final Map<Store, Integer> ports = new EnumMap<>(Store.class);

  @BeforeAll
  void start() throws Exception {
    for (Store store : Store.values()) {
      JarProcess server = JarProcess.start(environment(store), "", "serve");
      servers.put(store, server);
      ports.put(store, server.awaitHealthy(Duration.ofSeconds(60)));
    }
  }

  @AfterAll
  void stop() {
    servers.values().forEach(JarProcess::close);
  }

  private static Map<String, String> environment(Store store) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("SUPPORTPRO_HOST", "127.0.0.1");
    env.put("SUPPORTPRO_PORT", "0");
    env.put("SUPPORTPRO_DATA_DIR", Files.createTempDirectory("supportpro-cut-").toString());
    if (store == Store.POSTGRESQL) {
      DatabaseSettings database = PostgresDatabases.freshDatabase();
      env.put("SUPPORTPRO_DB_URL", database.jdbcUrl());
      env.put("SUPPORTPRO_DB_USER", database.user());
      env.put("SUPPORTPRO_DB_PASSWORD", database.password());
    }
    return env;
  }

  Stream<Arguments> shapes() {
    return Stream.of(Store.values())
        .flatMap(store -> Stream.of(Shape.values()).map(shape -> Arguments.of(store, shape)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("shapes")
  void aBrokenRequest_isRefusedWithItsAnswerAndAtMostOneLogLine(Store store, Shape shape)
      throws Exception {
    JarProcess server = servers.get(store);
    int logged = server.stderr().length();

    String answer = exchange(ports.get(store), shape);

    assertThat(statusOf(answer)).as(head(answer)).isIn(shape.answers);
    List<String> lines = settledLog(server, logged);
    assertThat(lines).as("the log").hasSizeLessThanOrEqualTo(1);
    assertThat(lines)
        .as("the log")
        .noneSatisfy(line -> assertThat(line).containsAnyOf(" ERROR ", "Exception", "\tat "));
    // The server still serves afterwards.
    assertThat(statusOf(exchange(ports.get(store), "GET /health HTTP/1.1\r\n" + CLOSE + "\r\n")))
        .isEqualTo(200);
  }

  private static String exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), false);
  }

  private static String exchange(int port, Shape shape) throws IOException {
    return exchange(port, shape.request, shape.closeSendingSide);
  }

  /** Writes the bytes, closes the sending side if asked, and reads until the server closes. */
  private static String exchange(int port, byte[] request, boolean closeSendingSide)
      throws IOException {
    try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (closeSendingSide) {
          socket.shutdownOutput();
        }
      } catch (IOException refusedMidway) {
        // The server may answer and close before it has read everything; its answer still counts.
      }
      var received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          received.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException | java.net.SocketException ended) {
        // What arrived before is the answer.
      }
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** The status of the answer, or {@link #CLOSED} when the server closed without one. */
  private static int statusOf(String answer) {
    if (!answer.startsWith("HTTP/1.1 ")) {
      return CLOSED;
    }
    return Integer.parseInt(answer.substring(9, 12));
  }

  private static String head(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    return end < 0 ? answer : answer.substring(0, end);
  }

  /** The log lines written since {@code from}, once the log has stopped growing. */
  private static List<String> settledLog(JarProcess server, int from) throws InterruptedException {
    int length = server.stderr().length();
    for (int quiet = 0, rounds = 0; quiet < 4 && rounds < 40; rounds++) {
      Thread.sleep(100);
      int now = server.stderr().length();
      quiet = now == length ? quiet + 1 : 0;
      length = now;
    }
    return server.stderr().substring(from).lines().filter(line -> !line.isBlank()).toList();
  }
}
