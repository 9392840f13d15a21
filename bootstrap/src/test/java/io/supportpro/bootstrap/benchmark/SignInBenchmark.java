package io.supportpro.bootstrap.benchmark;

import io.supportpro.adapter.out.persistence.Argon2PasswordHasher;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the runnable jar as an administrator runs it: how long until it first answers, how many
 * browser sign-ins (form, password, home page) it completes per second, and how much memory it
 * holds while doing so, against the bare Argon2id rate of this machine measured in the same run. It
 * prints figures and asserts nothing: performance is judged by reading them.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark -pl bootstrap -am verify -DskipTests}.
 */
public final class SignInBenchmark {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final String PASSWORD = "Benchmark-passphrase-42";

  private final Path jar;
  private final Duration phase;
  private final int clients;

  private SignInBenchmark(Path jar, Duration phase, int clients) {
    this.jar = jar;
    this.phase = phase;
    this.clients = clients;
  }

  /** Runs every measurement and prints the figures. */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/supportpro.jar");
    Duration phase = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
    int clients =
        Integer.getInteger("benchmark.clients", 2 * Runtime.getRuntime().availableProcessors());
    new SignInBenchmark(jar, phase, clients).run();
  }

  private void run() throws Exception {
    System.out.printf(
        "SupportPro sign-in benchmark: %d cores, %d clients, %d s per phase, %s%n",
        Runtime.getRuntime().availableProcessors(), clients, phase.toSeconds(), jar);
    List<Long> startups = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      try (Server server = Server.start(jar, Files.createTempDirectory("supportpro-bench-"))) {
        startups.add(server.startupMillis);
      }
    }
    Collections.sort(startups);
    System.out.printf(
        "first answer after launch (fresh database, migrations included): min %d ms, median %d ms%n",
        startups.getFirst(), startups.get(1));

    double hashesPerSecond = bareArgon2Rate();
    System.out.printf(
        "bare Argon2id (m=19 MiB, t=2, p=1) on %d threads: %.1f hashes/s%n",
        clients, hashesPerSecond);

    Path data = Files.createTempDirectory("supportpro-bench-");
    Server.createAdmin(jar, data);
    try (Server server = Server.start(jar, data)) {
      signIns(server, Duration.ofSeconds(5), false);
      Load load = signIns(server, phase, true);
      double rate = load.signIns / (double) phase.toSeconds();
      System.out.printf(
          "browser sign-ins (GET /login, POST /login, GET /): %.1f /s, %d failed requests%n",
          rate, load.failures);
      System.out.printf(
          "sign-in rate / bare Argon2id rate: %.0f %%%n", 100 * rate / hashesPerSecond);
      System.out.printf("server resident memory under load: max %d MiB%n", load.maxRssKib / 1024);
    }
  }

  /** Verifies a password with the panel's own hasher on every client thread for one phase. */
  private double bareArgon2Rate() throws InterruptedException {
    var hasher = new Argon2PasswordHasher(Argon2PasswordHasher.Parameters.OWASP, clients);
    PasswordHash hash = hasher.hash(new Password(PASSWORD));
    for (int i = 0; i < 20; i++) {
      hasher.matches(new Password(PASSWORD), hash);
    }
    var count = new AtomicLong();
    var running = new AtomicBoolean(true);
    try (var pool = Executors.newFixedThreadPool(clients)) {
      for (int i = 0; i < clients; i++) {
        pool.submit(
            () -> {
              while (running.get()) {
                hasher.matches(new Password(PASSWORD), hash);
                count.incrementAndGet();
              }
            });
      }
      Thread.sleep(phase.toMillis());
      running.set(false);
    }
    return count.get() / (double) phase.toSeconds();
  }

  private record Load(long signIns, long failures, long maxRssKib) {}

  /** Signs in over and over from every client for the duration, as new browsers each time. */
  private Load signIns(Server server, Duration duration, boolean sampleMemory)
      throws InterruptedException {
    var done = new AtomicLong();
    var failed = new AtomicLong();
    var running = new AtomicBoolean(true);
    long maxRss = 0;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        pool.submit(
            () -> {
              while (running.get()) {
                if (signInOnce(server.base)) {
                  done.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                }
              }
            });
      }
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end) {
        if (sampleMemory) {
          maxRss = Math.max(maxRss, server.residentKib());
        }
        Thread.sleep(250);
      }
      running.set(false);
    }
    return new Load(done.get(), failed.get(), maxRss);
  }

  private static boolean signInOnce(URI base) {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    try {
      HttpResponse<String> form =
          browser.send(get(base, "/login"), HttpResponse.BodyHandlers.ofString());
      Matcher csrf = CSRF.matcher(form.body());
      if (form.statusCode() != 200 || !csrf.find()) {
        return false;
      }
      String body =
          "csrf="
              + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
              + "&next=%2F&login=bench&password="
              + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
      HttpResponse<Void> signedIn =
          browser.send(
              HttpRequest.newBuilder(base.resolve("/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (signedIn.statusCode() != 303) {
        return false;
      }
      return browser.send(get(base, "/"), HttpResponse.BodyHandlers.discarding()).statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      browser.close();
    }
  }

  private static HttpRequest get(URI base, String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build();
  }

  /** The jar running as its own process. */
  private static final class Server implements AutoCloseable {
    private final Process process;
    private final URI base;
    private final long startupMillis;

    private Server(Process process, URI base, long startupMillis) {
      this.process = process;
      this.base = base;
      this.startupMillis = startupMillis;
    }

    static Server start(Path jar, Path data) throws IOException, InterruptedException {
      int port = freePort();
      var builder =
          new ProcessBuilder(java(), "-jar", jar.toString(), "serve")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder
          .environment()
          .putAll(
              Map.of(
                  "SUPPORTPRO_PORT",
                  Integer.toString(port),
                  "SUPPORTPRO_DATA_DIR",
                  data.toString()));
      long launched = System.nanoTime();
      Process process = builder.start();
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the server ended with " + process.exitValue());
        }
        try {
          if (probe.send(get(base, "/health"), HttpResponse.BodyHandlers.discarding()).statusCode()
              == 200) {
            return new Server(process, base, (System.nanoTime() - launched) / 1_000_000);
          }
        } catch (IOException notYet) {
          Thread.sleep(5);
        }
      }
    }

    static void createAdmin(Path jar, Path data) throws IOException, InterruptedException {
      var builder =
          new ProcessBuilder(
                  java(),
                  "-jar",
                  jar.toString(),
                  "create-admin",
                  "--username",
                  "bench",
                  "--email",
                  "bench@example.com")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put("SUPPORTPRO_DATA_DIR", data.toString());
      Process process = builder.start();
      process.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("create-admin failed");
      }
    }

    long residentKib() {
      try {
        for (String line :
            Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (IOException | NumberFormatException e) {
        // the process ended or /proc is not there; nothing to sample
      }
      return 0;
    }

    private static String java() {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
      try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
