package io.supportpro.bootstrap.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
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
import java.util.stream.Stream;

/**
 * Measures the runnable jar as an administrator runs it: how long until it first answers, how many
 * browser sign-ins (form, password, home page) it completes per second, and how much memory it
 * holds while doing so, against the bare Argon2id rate of this machine measured in the same run. It
 * prints figures and asserts nothing: performance is judged by reading them.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark -pl bootstrap -am verify -DskipTests -DskipITs}.
 */
public final class SignInBenchmark {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final String PASSWORD = "Benchmark-passphrase-42";
  private static final int ROUNDS = 3;
  private static final com.sun.management.OperatingSystemMXBean OWN_PROCESS =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

  private final Path jar;
  private final Path root;
  private final List<String> jvmOptions;
  private final Duration phase;
  private final int clients;

  private SignInBenchmark(Path jar, List<String> jvmOptions, Duration phase, int clients) {
    this.jar = jar.toAbsolutePath();
    // The repository root, where the README's command runs and its relative paths resolve.
    this.root = this.jar.getParent().getParent().getParent();
    this.jvmOptions = jvmOptions;
    this.phase = phase;
    this.clients = clients;
  }

  /**
   * Runs every measurement and prints the figures; {@code args}: the jar, and the argument file of
   * the recommended JVM options.
   */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/supportpro.jar");
    Path options = Path.of(args.length > 1 ? args[1] : "bootstrap/jvm.options");
    String chosen = System.getProperty("benchmark.jvmArgs");
    List<String> jvmOptions =
        chosen == null
            ? argumentFile(options)
            : Stream.of(chosen.split("\\s+")).filter(option -> !option.isEmpty()).toList();
    Duration phase = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
    int clients =
        Integer.getInteger("benchmark.clients", 2 * Runtime.getRuntime().availableProcessors());
    new SignInBenchmark(jar, jvmOptions, phase, clients).run();
  }

  /** The options in a java argument file, without its comments. */
  private static List<String> argumentFile(Path file) throws IOException {
    List<String> options = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String option = line.replaceFirst("#.*", "").strip();
      if (!option.isEmpty()) {
        options.add(option);
      }
    }
    return options;
  }

  private void run() throws Exception {
    System.out.printf(
        "SupportPro sign-in benchmark: %d cores, %d clients, %d s per phase, %s, server JVM"
            + " options: %s%n",
        Runtime.getRuntime().availableProcessors(),
        clients,
        phase.toSeconds(),
        jar,
        String.join(" ", jvmOptions));
    List<Long> startups = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      try (Server server = startServer(Files.createTempDirectory("supportpro-bench-"))) {
        startups.add(server.startupMillis);
      }
    }
    Collections.sort(startups);
    System.out.printf(
        "first answer after launch (fresh database, migrations included): min %d ms, median %d ms%n",
        startups.getFirst(), startups.get(1));

    // Each round measures the bare hash rate and the sign-in rate in fresh JVMs, because the JIT
    // compiles Bouncy Castle's Argon2 faster in some JVM starts than in others; the median of the
    // rounds compares like with like.
    List<Double> ratios = new ArrayList<>();
    long maxRssKib = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      double bare = bareArgon2Rate();
      Path data = Files.createTempDirectory("supportpro-bench-");
      Server.createAdmin(jar, data);
      try (Server server = startServer(data)) {
        signIns(server, Duration.ofSeconds(5), false);
        Load load = signIns(server, phase, true);
        double rate = load.signIns / (double) phase.toSeconds();
        ratios.add(rate / bare);
        maxRssKib = Math.max(maxRssKib, load.maxRssKib);
        System.out.printf(
            "round %d: bare Argon2id %.1f hashes/s; browser sign-ins (GET /login, POST /login,"
                + " GET /) %.1f /s, %d failed; %.0f %%; server CPU %.2f cores, load generator"
                + " CPU %.2f cores; resident memory max %d MiB%n",
            round,
            bare,
            rate,
            load.failures,
            100 * rate / bare,
            load.cpuCores,
            load.loadCores,
            load.maxRssKib / 1024);
      }
    }
    Collections.sort(ratios);
    System.out.printf(
        "sign-in rate / bare Argon2id rate, median of %d rounds: %.0f %%%n",
        ROUNDS, 100 * ratios.get(ROUNDS / 2));
    System.out.printf("server resident memory under load: max %d MiB%n", maxRssKib / 1024);
  }

  private Server startServer(Path data) throws IOException, InterruptedException {
    return Server.start(root, jvmOptions, jar, data);
  }

  /**
   * The bare hash rate, measured by {@link BareArgon2Rate} in a fresh JVM with the server's options
   * but its class archive, which belongs to the jar alone.
   */
  private double bareArgon2Rate() throws IOException, InterruptedException {
    String classes =
        Path.of(BareArgon2Rate.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
    List<String> command = new ArrayList<>(List.of(Server.java()));
    jvmOptions.stream()
        .filter(option -> !option.contains("SharedArchive") && !option.startsWith("-Xlog:cds"))
        .forEach(command::add);
    command.addAll(
        List.of(
            "-cp",
            jar + java.io.File.pathSeparator + classes,
            BareArgon2Rate.class.getName(),
            Long.toString(phase.toSeconds())));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the bare hash rate could not be measured: " + output);
    }
    // The rate is the last line; JVM options such as a flight recording may print before it.
    return Double.parseDouble(output.strip().lines().toList().getLast());
  }

  private record Load(
      long signIns, long failures, long maxRssKib, double cpuCores, double loadCores) {}

  /**
   * Signs in over and over from every client for the duration, each time as a browser without
   * cookies. Each client keeps its connection open, as a browser does.
   */
  private Load signIns(Server server, Duration duration, boolean sampleMemory)
      throws InterruptedException {
    var done = new AtomicLong();
    var failed = new AtomicLong();
    var running = new AtomicBoolean(true);
    long maxRss = 0;
    long cpuBefore = server.cpuTicks();
    long ownCpuBefore = OWN_PROCESS.getProcessCpuTime();
    long started = System.nanoTime();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        pool.submit(
            () -> {
              try (var browser = new LeanBrowser(server.base)) {
                while (running.get()) {
                  browser.forgetCookies();
                  if (signInOnce(browser)) {
                    done.incrementAndGet();
                  } else {
                    failed.incrementAndGet();
                  }
                }
              }
              return null;
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
    long elapsed = System.nanoTime() - started;
    // /proc counts CPU time in clock ticks of 10 ms on Linux.
    double cpuCores = (server.cpuTicks() - cpuBefore) * 10_000_000.0 / elapsed;
    double loadCores = (OWN_PROCESS.getProcessCpuTime() - ownCpuBefore) / (double) elapsed;
    return new Load(done.get(), failed.get(), maxRss, cpuCores, loadCores);
  }

  private static boolean signInOnce(LeanBrowser browser) throws IOException {
    try {
      LeanBrowser.Answer form = browser.get("/login");
      Matcher csrf = CSRF.matcher(form.body());
      if (form.status() != 200 || !csrf.find()) {
        return false;
      }
      String body =
          "csrf="
              + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
              + "&next=%2F&login=loadtest&password="
              + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
      return browser.postForm("/login", body).status() == 303 && browser.get("/").status() == 200;
    } catch (IOException | RuntimeException e) {
      // A broken or garbled connection counts as a failed sign-in; the next one reconnects.
      browser.close();
      return false;
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

    static Server start(Path root, List<String> jvmOptions, Path jar, Path data)
        throws IOException, InterruptedException {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(java());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString(), "serve"));
      var builder =
          new ProcessBuilder(command)
              .directory(root.toFile())
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
                  "loadtest",
                  "--email",
                  "loadtest@example.com")
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

    /** The CPU time the server has used, user and system, in clock ticks. */
    long cpuTicks() {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException | RuntimeException e) {
        return 0;
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

    static String java() {
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
