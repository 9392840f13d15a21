package io.supportpro.bootstrap.benchmark;

import io.supportpro.adapter.out.duo.emulator.DuoEmulator;
import io.supportpro.bootstrap.DuoOperatorSetup;
import io.supportpro.bootstrap.JvmArgumentFile;
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
 * browser sign-ins it completes per second with a password alone and with Duo (against the Duo
 * emulator in a process of its own), and how much memory it holds under load and with 1,000 open
 * sessions, against the bare Argon2id rate of this machine measured in the same run. It prints
 * figures, records them with {@link BenchmarkFigures}, and asserts nothing: performance is judged
 * by reading them.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark -pl bootstrap -am verify -DskipTests -DskipITs}.
 */
public final class SignInBenchmark implements AutoCloseable {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern TRANSACTION = Pattern.compile("name=\"txn\" value=\"([^\"]+)\"");
  private static final String PASSWORD = "Benchmark-passphrase-42";
  private static final String ADMIN = "loadtest";
  private static final String DUO_OPERATOR = "duoload";
  private static final int OPEN_SESSIONS = 1_000;

  /** The server runs on its embedded database. */
  private static final String WHERE = "H2";

  private static final int ROUNDS = 3;
  private static final com.sun.management.OperatingSystemMXBean OWN_PROCESS =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

  private final Path jar;
  private final Path root;
  private final List<String> jvmOptions;
  private final Duration phase;
  private final Duration warmUp;
  private final int clients;
  // The servers' data directories and the emulator's, deleted when the benchmark ends.
  private final ScratchDirectories scratch = new ScratchDirectories();

  private SignInBenchmark(
      Path jar, List<String> jvmOptions, Duration phase, Duration warmUp, int clients) {
    this.jar = jar.toAbsolutePath();
    // The repository root, where the README's command runs and its relative paths resolve.
    this.root = this.jar.getParent().getParent().getParent();
    this.jvmOptions = jvmOptions;
    this.phase = phase;
    this.warmUp = warmUp;
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
            ? JvmArgumentFile.options(options)
            : Stream.of(chosen.split("\\s+")).filter(option -> !option.isEmpty()).toList();
    Duration phase = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
    // The bare rate's one loop is compiled within seconds; a fresh server's JIT compiler still
    // takes a fifth of the CPU 20 s after its first sign-in and about a tenth after a minute,
    // so a minute of sign-ins first compares the server's steady rate with the bare one.
    Duration warmUp = Duration.ofSeconds(Long.getLong("benchmark.warmUpSeconds", 60));
    int clients =
        Integer.getInteger("benchmark.clients", 2 * Runtime.getRuntime().availableProcessors());
    try (var benchmark = new SignInBenchmark(jar, jvmOptions, phase, warmUp, clients)) {
      benchmark.run();
    }
  }

  /** Deletes the data directories the benchmark made. */
  @Override
  public void close() {
    scratch.close();
  }

  private void run() throws Exception {
    System.out.printf(
        "SupportPro sign-in benchmark: %d cores, %d clients, %d s per phase after a %d s warm-up,"
            + " %s, server JVM options: %s%n",
        Runtime.getRuntime().availableProcessors(),
        clients,
        phase.toSeconds(),
        warmUp.toSeconds(),
        jar,
        String.join(" ", jvmOptions));
    List<Long> startups = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      try (Server server = startServer(scratch.create("supportpro-bench-"))) {
        startups.add(server.startupMillis);
      }
    }
    Collections.sort(startups);
    System.out.printf(
        "first answer after launch (fresh database, migrations included): min %d ms, median %d ms%n",
        startups.getFirst(), startups.get(1));
    BenchmarkFigures.record("first answer after launch, min", WHERE, startups.getFirst(), "ms");
    BenchmarkFigures.record("first answer after launch, median", WHERE, startups.get(1), "ms");

    try (Emulator emulator = Emulator.start(classPath(), scratch.create("supportpro-bench-duo-"))) {
      rounds(emulator);
      openSessions(emulator);
    }
  }

  /**
   * Each round measures the bare hash rate, then password and Duo sign-ins on one server, in fresh
   * JVMs, because the JIT compiles Bouncy Castle's Argon2 faster in some JVM starts than in others;
   * the median of the rounds compares like with like.
   */
  private void rounds(Emulator emulator) throws Exception {
    List<Double> bareRates = new ArrayList<>();
    List<Double> passwordRates = new ArrayList<>();
    List<Double> duoRates = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> duoRatios = new ArrayList<>();
    List<Double> duoCpuRatios = new ArrayList<>();
    long maxRssKib = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      double bare = bareArgon2Rate();
      try (Server server = startServer(dataDirectory(emulator), emulator)) {
        Journey password = browser -> signInOnce(browser.panel());
        Journey duo = browser -> duoSignInOnce(browser, emulator.promptBase);
        drive(server, password, warmUp, Long.MAX_VALUE, null);
        Load load = drive(server, password, phase, Long.MAX_VALUE, null);
        drive(server, duo, warmUp, Long.MAX_VALUE, null);
        Load duoLoad = drive(server, duo, phase, Long.MAX_VALUE, emulator);
        double rate = load.signIns / (double) phase.toSeconds();
        double duoRate = duoLoad.signIns / (double) phase.toSeconds();
        bareRates.add(bare);
        passwordRates.add(rate);
        duoRates.add(duoRate);
        ratios.add(rate / bare);
        duoRatios.add(duoRate / rate);
        // The emulator stands in for Duo's service, which does not run on the panel's machine; per
        // second of the server's own CPU, the two kinds of sign-in compare without its share.
        double passwordCpuMillis = 1000 * load.cpuCores / rate;
        double duoCpuMillis = 1000 * duoLoad.cpuCores / duoRate;
        double duoCpuRatio = passwordCpuMillis / duoCpuMillis;
        duoCpuRatios.add(duoCpuRatio);
        maxRssKib = Math.max(maxRssKib, Math.max(load.maxRssKib, duoLoad.maxRssKib));
        System.out.printf(
            "round %d: bare Argon2id %.1f hashes/s; browser sign-ins (GET /login, POST /login,"
                + " GET /) %.1f /s, %d failed; %.0f %%; server CPU %.2f cores (%.1f ms per sign-in),"
                + " of which the JIT compiler %.2f cores; load generator CPU %.2f cores; resident"
                + " memory max %d MiB%n",
            round,
            bare,
            rate,
            load.failures,
            100 * rate / bare,
            load.cpuCores,
            passwordCpuMillis,
            load.compilerCores,
            load.loadCores,
            load.maxRssKib / 1024);
        System.out.printf(
            "round %d: Duo sign-ins (password, health check, prompt, approve, callback, token"
                + " exchange, GET /) %.1f /s, %d failed; %.0f %% of the password sign-ins; server"
                + " CPU %.2f cores (%.1f ms per sign-in, %.0f %% of the password sign-ins per CPU"
                + " second), of which the JIT compiler %.2f cores; emulator CPU %.2f cores, load"
                + " generator CPU %.2f cores%n",
            round,
            duoRate,
            duoLoad.failures,
            100 * duoRate / rate,
            duoLoad.cpuCores,
            duoCpuMillis,
            100 * duoCpuRatio,
            duoLoad.compilerCores,
            duoLoad.emulatorCores,
            duoLoad.loadCores);
        String prefix = "sign-in, round " + round + ": ";
        BenchmarkFigures.record(prefix + "bare Argon2id hashes", "", bare, "/s");
        BenchmarkFigures.record(prefix + "password sign-ins", WHERE, rate, "/s");
        BenchmarkFigures.record(
            prefix + "password sign-ins / bare hashes", WHERE, 100 * rate / bare, "%");
        BenchmarkFigures.record(prefix + "password sign-ins failed", WHERE, load.failures, "");
        BenchmarkFigures.record(prefix + "server CPU, password", WHERE, load.cpuCores, "cores");
        BenchmarkFigures.record(
            prefix + "server CPU per password sign-in", WHERE, passwordCpuMillis, "ms");
        BenchmarkFigures.record(
            prefix + "JIT compiler CPU, password", WHERE, load.compilerCores, "cores");
        BenchmarkFigures.record(prefix + "Duo sign-ins", WHERE, duoRate, "/s");
        BenchmarkFigures.record(
            prefix + "Duo sign-ins / password sign-ins", WHERE, 100 * duoRate / rate, "%");
        BenchmarkFigures.record(prefix + "Duo sign-ins failed", WHERE, duoLoad.failures, "");
        BenchmarkFigures.record(prefix + "server CPU, Duo", WHERE, duoLoad.cpuCores, "cores");
        BenchmarkFigures.record(prefix + "server CPU per Duo sign-in", WHERE, duoCpuMillis, "ms");
        BenchmarkFigures.record(
            prefix + "JIT compiler CPU, Duo", WHERE, duoLoad.compilerCores, "cores");
        BenchmarkFigures.record(
            prefix + "Duo sign-ins / password sign-ins, per server CPU second",
            WHERE,
            100 * duoCpuRatio,
            "%");
        BenchmarkFigures.record(prefix + "emulator CPU, Duo", "", duoLoad.emulatorCores, "cores");
      }
    }
    System.out.printf(
        "sign-in rate / bare Argon2id rate, median of %d rounds: %.0f %%%n",
        ROUNDS, 100 * median(ratios));
    System.out.printf(
        "Duo sign-in rate / password sign-in rate, median of %d rounds: %.0f %% (target at least"
            + " 80 %%)%n",
        ROUNDS, 100 * median(duoRatios));
    System.out.printf(
        "Duo sign-ins / password sign-ins per second of the server's CPU, median of %d rounds:"
            + " %.0f %%%n",
        ROUNDS, 100 * median(duoCpuRatios));
    System.out.printf("server resident memory under load: max %d MiB%n", maxRssKib / 1024);
    BenchmarkFigures.record("sign-in, median: bare Argon2id hashes", "", median(bareRates), "/s");
    BenchmarkFigures.record(
        "sign-in, median: password sign-ins", WHERE, median(passwordRates), "/s");
    BenchmarkFigures.record(
        "sign-in, median: password sign-ins / bare hashes", WHERE, 100 * median(ratios), "%");
    BenchmarkFigures.record("sign-in, median: Duo sign-ins", WHERE, median(duoRates), "/s");
    BenchmarkFigures.record(
        "sign-in, median: Duo sign-ins / password sign-ins (target 80 %)",
        WHERE, 100 * median(duoRatios), "%");
    BenchmarkFigures.record(
        "sign-in, median: Duo sign-ins / password sign-ins, per server CPU second",
        WHERE,
        100 * median(duoCpuRatios),
        "%");
    BenchmarkFigures.record("resident memory, under load, max", WHERE, maxRssKib / 1024.0, "MiB");
  }

  /**
   * Signs in {@value #OPEN_SESSIONS} times on a fresh server without signing out, then reads how
   * much memory the server holds, after a full collection if {@code jcmd} can start one.
   */
  private void openSessions(Emulator emulator) throws Exception {
    try (Server server = startServer(dataDirectory(emulator), emulator)) {
      Journey password = browser -> signInOnce(browser.panel());
      drive(server, password, warmUp, 1, null);
      String collected = server.collectGarbage() ? "after a full GC (jcmd GC.run)" : "without a GC";
      long idleKib = server.residentKib();
      Load load = drive(server, password, Duration.ofMinutes(10), OPEN_SESSIONS, null);
      server.collectGarbage();
      long openKib = server.residentKib();
      System.out.printf(
          "server resident memory %s: %d MiB after one sign-in, %d MiB with %d more sessions open"
              + " (%d sign-ins failed)%n",
          collected, idleKib / 1024, openKib / 1024, load.signIns, load.failures);
      BenchmarkFigures.record(
          "resident memory, one session, " + collected, WHERE, idleKib / 1024.0, "MiB");
      BenchmarkFigures.record(
          "resident memory, %,d open sessions, %s".formatted(OPEN_SESSIONS, collected),
          WHERE,
          openKib / 1024.0,
          "MiB");
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** A fresh data directory with the administrator, and an operator who signs in with Duo. */
  private Path dataDirectory(Emulator emulator) throws IOException, InterruptedException {
    Path data = scratch.create("supportpro-bench-");
    Server.createAdmin(jar, data);
    DuoOperatorSetup.enable(
        data, emulator.allowedHosts(), emulator.settings(), DUO_OPERATOR, PASSWORD);
    return data;
  }

  /** A server on its own, to measure its start. */
  private Server startServer(Path data) throws IOException, InterruptedException {
    return Server.start(root, jvmOptions, jar, data, Map.of());
  }

  /** A server that trusts the emulator and may reach it, as the demo's does. */
  private Server startServer(Path data, Emulator emulator)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(emulator.serverOptions());
    return Server.start(root, options, jar, data, emulator.serverEnvironment());
  }

  /**
   * The bare hash rate, measured by {@link BareArgon2Rate} in a fresh JVM with the server's options
   * but its class archive, which belongs to the jar alone.
   */
  private double bareArgon2Rate() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Server.java()));
    jvmOptions.stream()
        .filter(option -> !option.contains("SharedArchive") && !option.startsWith("-Xlog:cds"))
        .forEach(command::add);
    command.addAll(
        List.of(
            "-cp", classPath(), BareArgon2Rate.class.getName(), Long.toString(phase.toSeconds())));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the bare hash rate could not be measured: " + output);
    }
    // The rate is the last line; JVM options such as a flight recording may print before it.
    return Double.parseDouble(output.strip().lines().toList().getLast());
  }

  /** The jar and the benchmark's own classes, for the JVMs that run a class of the benchmark. */
  private String classPath() {
    String classes =
        Path.of(SignInBenchmark.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
    return jar + java.io.File.pathSeparator + classes;
  }

  private record Load(
      long signIns,
      long failures,
      long maxRssKib,
      double cpuCores,
      double compilerCores,
      double emulatorCores,
      double loadCores) {}

  /** One browser's two connections: to the panel, and to the Duo emulator's prompt. */
  private record Browser(LeanBrowser panel, LeanBrowser prompt) implements AutoCloseable {
    void forgetCookies() {
      panel.forgetCookies();
      prompt.forgetCookies();
    }

    @Override
    public void close() throws IOException {
      try (prompt) {
        panel.close();
      }
    }
  }

  /** One sign-in from a fresh browser, from the login form to the home page. */
  @FunctionalInterface
  private interface Journey {
    boolean signIn(Browser browser) throws IOException;
  }

  /**
   * Signs in over and over from every client, each time as a browser without cookies, for the
   * duration or until {@code count} sign-ins were tried, sampling the server's memory; the
   * emulator's CPU is measured when one is given. Each client keeps its connections open, as a
   * browser does.
   */
  private Load drive(
      Server server, Journey journey, Duration duration, long count, Emulator emulator)
      throws InterruptedException {
    var done = new AtomicLong();
    var failed = new AtomicLong();
    var tried = new AtomicLong();
    var running = new AtomicBoolean(true);
    long maxRss = 0;
    long cpuBefore = cpuTicks(server.process.pid());
    long compilerBefore = compilerTicks(server.process.pid());
    long emulatorCpuBefore = emulator == null ? 0 : cpuTicks(emulator.process.pid());
    long ownCpuBefore = OWN_PROCESS.getProcessCpuTime();
    long started = System.nanoTime();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        pool.submit(
            () -> {
              try (var browser =
                  new Browser(
                      new LeanBrowser(server.base),
                      new LeanBrowser(emulator == null ? server.base : emulator.promptBase))) {
                while (running.get() && tried.incrementAndGet() <= count) {
                  browser.forgetCookies();
                  if (journey.signIn(browser)) {
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
      while (System.nanoTime() < end && done.get() + failed.get() < count) {
        maxRss = Math.max(maxRss, server.residentKib());
        Thread.sleep(250);
      }
      running.set(false);
    }
    long elapsed = System.nanoTime() - started;
    // /proc counts CPU time in clock ticks of 10 ms on Linux.
    double cpuCores = (cpuTicks(server.process.pid()) - cpuBefore) * 10_000_000.0 / elapsed;
    double compilerCores =
        (compilerTicks(server.process.pid()) - compilerBefore) * 10_000_000.0 / elapsed;
    double emulatorCores =
        emulator == null
            ? 0
            : (cpuTicks(emulator.process.pid()) - emulatorCpuBefore) * 10_000_000.0 / elapsed;
    double loadCores = (OWN_PROCESS.getProcessCpuTime() - ownCpuBefore) / (double) elapsed;
    return new Load(
        done.get(), failed.get(), maxRss, cpuCores, compilerCores, emulatorCores, loadCores);
  }

  /** The CPU time a process has used, user and system, in clock ticks. */
  private static long cpuTicks(long pid) {
    return cpuTicks(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /**
   * The CPU time the process's JIT compiler threads have used, in clock ticks; HotSpot names them
   * {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>}, which Linux cuts to 15
   * characters.
   */
  private static long compilerTicks(long pid) {
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return threads
          .filter(thread -> threadName(thread).matches("C[12] CompilerThre"))
          .mapToLong(thread -> cpuTicks(thread.resolve("stat")))
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static String threadName(Path thread) {
    try {
      return Files.readString(thread.resolve("comm")).strip();
    } catch (IOException e) {
      // The thread ended since the list was read.
      return "";
    }
  }

  private static long cpuTicks(Path stat) {
    try {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean signInOnce(LeanBrowser browser) throws IOException {
    try {
      return postPassword(browser, ADMIN).status() == 303 && browser.get("/").status() == 200;
    } catch (IOException | RuntimeException e) {
      // A broken or garbled connection counts as a failed sign-in; the next one reconnects.
      browser.close();
      return false;
    }
  }

  /**
   * Signs in as the Duo operator: the password sends the browser to the prompt (at the emulator's
   * plain-HTTP address in place of its API host, as a browser on this machine reaches it), where it
   * approves; the emulator sends it back to the panel's callback, which exchanges the code through
   * the SDK and opens the session.
   */
  private static boolean duoSignInOnce(Browser browser, URI promptBase) throws IOException {
    try {
      LeanBrowser.Answer password = postPassword(browser.panel(), DUO_OPERATOR);
      if (password.status() != 303 || !password.location().startsWith("https://")) {
        return false;
      }
      LeanBrowser.Answer prompt = browser.prompt().get(pathAndQuery(password.location()));
      Matcher transaction = TRANSACTION.matcher(prompt.body());
      if (prompt.status() != 200 || !transaction.find()) {
        return false;
      }
      LeanBrowser.Answer approved =
          browser
              .prompt()
              .postForm(
                  "/oauth/v1/prompt",
                  "txn="
                      + URLEncoder.encode(transaction.group(1), StandardCharsets.UTF_8)
                      + "&decision=approve");
      if (approved.status() / 100 != 3) {
        return false;
      }
      LeanBrowser.Answer callback = browser.panel().get(pathAndQuery(approved.location()));
      return callback.status() == 303
          && callback.location().equals("/")
          && browser.panel().get("/").status() == 200;
    } catch (IOException | RuntimeException e) {
      browser.close();
      return false;
    }
  }

  /** The login form, then its post with the password: the answer to the post. */
  private static LeanBrowser.Answer postPassword(LeanBrowser browser, String login)
      throws IOException {
    LeanBrowser.Answer form = browser.get("/login");
    Matcher csrf = CSRF.matcher(form.body());
    if (form.status() != 200 || !csrf.find()) {
      return form;
    }
    String body =
        "csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
            + "&next=%2F&login="
            + login
            + "&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    return browser.postForm("/login", body);
  }

  /** The path and query of an address, as a browser on the same site requests it. */
  private static String pathAndQuery(String address) {
    URI uri = URI.create(address);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private static HttpRequest get(URI base, String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build();
  }

  /** The Duo emulator running as its own process: {@link DuoEmulatorProcess}. */
  private static final class Emulator implements AutoCloseable {
    private final Process process;
    private final DuoEmulatorProcess.EmulatorLine line;
    private final URI promptBase;

    private Emulator(Process process, DuoEmulatorProcess.EmulatorLine line) {
      this.process = process;
      this.line = line;
      this.promptBase = URI.create(line.promptBase());
    }

    /** Starts it with the class path given, its trust store written in {@code directory}. */
    static Emulator start(String classPath, Path directory) throws IOException {
      Process process =
          new ProcessBuilder(
                  Server.java(),
                  "-XX:+UseSerialGC",
                  "-cp",
                  classPath,
                  DuoEmulatorProcess.class.getName(),
                  directory.resolve("trust.p12").toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String first =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      if (first == null) {
        process.destroyForcibly();
        throw new IllegalStateException("the Duo emulator did not start");
      }
      return new Emulator(process, DuoEmulatorProcess.EmulatorLine.parse(first));
    }

    /** The system properties that make the server's JVM trust the emulator's CA. */
    List<String> serverOptions() {
      return line.trustStore().entrySet().stream()
          .map(property -> "-D" + property.getKey() + "=" + property.getValue())
          .sorted()
          .toList();
    }

    /** The variables that let the server reach the emulator. */
    Map<String, String> serverEnvironment() {
      return Map.of("SUPPORTPRO_DUO_ALLOWED_HOSTS", allowedHosts());
    }

    String allowedHosts() {
      return line.apiHost() + "," + DuoEmulator.PROXY_HOST;
    }

    /** The plugin's settings for this emulator, as the demo saves them. */
    Map<String, String> settings() {
      return DuoOperatorSetup.emulatorSettings(
          line.clientId(), line.clientSecret(), line.apiHost(), line.proxyPort(), line.caPin());
    }

    @Override
    public void close() throws InterruptedException, IOException {
      // Closing its standard input ends it.
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
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

    /** Starts the jar on the data directory, with {@code environment} added to its variables. */
    static Server start(
        Path root, List<String> jvmOptions, Path jar, Path data, Map<String, String> environment)
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
      builder.environment().putAll(environment);
      long launched = System.nanoTime();
      Process process = builder.start();
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the server ended with " + process.exitValue());
        }
        try {
          // The sign-in page, as a person's first request asks for it: its first rendering counts.
          if (probe.send(get(base, "/login"), HttpResponse.BodyHandlers.discarding()).statusCode()
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
                  ADMIN,
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

    /**
     * Starts a full collection in the server with {@code jcmd}, so that its memory is what it keeps
     * rather than what it has not collected yet; false when {@code jcmd} could not.
     */
    boolean collectGarbage() throws InterruptedException {
      try {
        Process jcmd =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()),
                    "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        boolean collected = jcmd.waitFor(30, TimeUnit.SECONDS) && jcmd.exitValue() == 0;
        // Let the collector hand pages back before the memory is read.
        Thread.sleep(500);
        return collected;
      } catch (IOException e) {
        return false;
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
