package io.supportpro.bootstrap.training;

import io.supportpro.bootstrap.JvmArgumentFile;
import java.io.IOException;
import java.net.CookieManager;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run of the build on JDK 25 and later: starts the runnable jar with the recommended
 * JVM options and {@code -XX:AOTCacheOutput} on a new throw-away database, which it migrates, asks
 * for the sign-in page, is refused a few sign-ins of an unknown account (each still hashing the
 * password) and stops it, so that the JVM writes an ahead-of-time cache of the classes, their
 * linking and their profiles where the options' class archive is expected. Every later start reads
 * it and answers sooner.
 *
 * <p>The bootstrap module's {@code aot-cache} profile runs it in the package phase.
 */
public final class AotCacheTraining {
  private static final Pattern SERVING = Pattern.compile("serving on port (\\d+)");
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final String PASSWORD = "Training-passphrase-42";
  // Refused sign-ins of one unknown account, each answered 401 with the form again: fewer than the
  // throttle's free failures (five by default), after which the form would answer differently.
  private static final int SIGN_INS = 3;
  private static final Duration STARTING = Duration.ofMinutes(2);
  // Writing the cache at exit starts a second JVM that assembles it, which takes a while.
  private static final Duration WRITING = Duration.ofMinutes(5);

  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final Path jar;
  private final List<String> jvmOptions;
  private final Path data;

  private AotCacheTraining(Path jar, List<String> jvmOptions, Path data) {
    this.jar = jar;
    this.jvmOptions = jvmOptions;
    this.data = data;
  }

  /** {@code args}: the jar, the argument file of the recommended JVM options, and the cache. */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path cache = Path.of(args[2]).toAbsolutePath();
    // The cache takes the class archive's place, so those options would contradict its output.
    List<String> options = new ArrayList<>();
    for (String option : JvmArgumentFile.options(Path.of(args[1]))) {
      if (!option.contains("SharedArchive")) {
        options.add(option);
      }
    }
    options.add("-XX:AOTCacheOutput=" + cache);
    Path data = Files.createTempDirectory("supportpro-training-");
    try {
      new AotCacheTraining(jar, List.copyOf(options), data).train();
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    if (!Files.isRegularFile(cache)) {
      throw new IllegalStateException("the training run wrote no cache at " + cache);
    }
    System.out.printf("Wrote the ahead-of-time cache %s%n", cache);
  }

  /**
   * Trains on the path the first start of an installation takes: a new database, migrated by
   * Flyway, then the sign-in page as the first answer. No operator is created beforehand, since
   * that would migrate the database in another process and leave Flyway out of the cache; the
   * sign-ins are therefore refused ones, which hash the password as a successful one does.
   */
  private void train() throws IOException, InterruptedException {
    List<String> serve = new ArrayList<>(List.of(java));
    serve.addAll(jvmOptions);
    serve.addAll(List.of("-jar", jar.toString(), "serve"));
    Path log = data.resolve("training.log");
    Process server = process(serve).redirectOutput(log.toFile()).redirectErrorStream(true).start();
    try {
      URI base = URI.create("http://127.0.0.1:" + awaitPort(server, log) + "/");
      expect(client(), get(base, "login"), 200);
      expect(client(), get(base, "health"), 200);
      for (int i = 0; i < SIGN_INS; i++) {
        signIn(client(), base);
      }
    } catch (IOException | InterruptedException | RuntimeException failed) {
      // A failed training run writes no cache worth keeping; its own failure is the one to report.
      server.destroyForcibly();
      throw failed;
    }
    // SIGTERM: the server stops as in production, and the JVM writes the cache as it exits.
    server.destroy();
    if (!server.waitFor(WRITING.toMillis(), TimeUnit.MILLISECONDS)) {
      server.destroyForcibly();
      throw new IllegalStateException("the training run did not end: " + Files.readString(log));
    }
  }

  private ProcessBuilder process(List<String> command) {
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("SUPPORTPRO_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "SUPPORTPRO_DATA_DIR", data.toString(),
                "SUPPORTPRO_HOST", "127.0.0.1",
                "SUPPORTPRO_PORT", "0"));
    return builder;
  }

  private static int awaitPort(Process server, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTING.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher serving = SERVING.matcher(Files.readString(log));
      if (serving.find()) {
        return Integer.parseInt(serving.group(1));
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("the training server ended: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the training server did not start: " + Files.readString(log));
  }

  /** A browser's sign-in with an unknown name: the form, the refused password, the home page. */
  private static void signIn(HttpClient http, URI base) throws IOException, InterruptedException {
    String form = expect(http, get(base, "login"), 200).body();
    Matcher csrf = CSRF.matcher(form);
    if (!csrf.find()) {
      throw new IllegalStateException("the sign-in form has no CSRF token: " + form);
    }
    String body =
        "csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
            + "&next=%2F&login=trainer&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    expect(
        http,
        HttpRequest.newBuilder(base.resolve("login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        401);
    expect(http, get(base, ""), 303);
  }

  /** A browser of its own: no redirects followed, and the cookies it is given sent back. */
  private static HttpClient client() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .cookieHandler(new CookieManager())
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static HttpRequest get(URI base, String path) {
    return HttpRequest.newBuilder(base.resolve(path)).build();
  }

  private static HttpResponse<String> expect(HttpClient http, HttpRequest request, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          request.method() + " " + request.uri() + " answered " + response.statusCode());
    }
    return response;
  }
}
