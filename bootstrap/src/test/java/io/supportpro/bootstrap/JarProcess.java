package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar, started as its own process the way an administrator starts it. */
final class JarProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "supportpro.jar");
  private static final Pattern SERVING = Pattern.compile("serving on port (\\d+)");

  private final Process process;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Thread outCopier;
  private final Thread errCopier;

  private JarProcess(Process process) {
    this.process = process;
    outCopier = Thread.ofVirtual().start(() -> copy(process.getInputStream(), out));
    errCopier = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), err));
  }

  /** Starts the jar with only the given {@code SUPPORTPRO_*} variables set. */
  static JarProcess start(Map<String, String> env, String stdin, String... args) {
    return start(List.of(), env, stdin, args);
  }

  /** Starts the jar with these JVM options and only the given {@code SUPPORTPRO_*} variables. */
  static JarProcess start(
      List<String> jvmOptions, Map<String, String> env, String stdin, String... args) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing; run the package phase");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("SUPPORTPRO_"));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      return new JarProcess(process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command to its end and returns its exit code; standard output and errors are kept. */
  static JarProcess run(Map<String, String> env, String stdin, String... args) {
    JarProcess process = start(env, stdin, args);
    process.awaitExit(Duration.ofSeconds(60));
    return process;
  }

  /** Creates the administrator {@code root} with this password, which the command must accept. */
  static void createRoot(Map<String, String> env, String password) {
    JarProcess created =
        run(env, password + "\n", "create-admin", "--username", "root", "--email", "r@example.com");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    try (from) {
      byte[] buffer = new byte[8192];
      for (int n; (n = from.read(buffer)) > 0; ) {
        synchronized (to) {
          to.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Waits until the server says which port it serves on, then until {@code /health} answers. */
  int awaitHealthy(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("the server ended early:\n" + stdout() + stderr());
      }
      Matcher serving = SERVING.matcher(stdout());
      if (serving.find()) {
        int port = Integer.parseInt(serving.group(1));
        try {
          var request =
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build();
          if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return port;
          }
        } catch (IOException e) {
          // not listening yet
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no healthy answer within " + timeout + ":\n" + stdout() + stderr());
  }

  /** Waits for the process to end and returns its exit code. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the process did not end within " + timeout);
      }
      outCopier.join();
      errCopier.join();
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int exitCode() {
    return awaitExit(Duration.ofSeconds(60));
  }

  String stdout() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
