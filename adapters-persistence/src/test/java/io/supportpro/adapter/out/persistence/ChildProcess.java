package io.supportpro.adapter.out.persistence;

import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM for tests that need another process: it opens the embedded database and holds it
 * until its input closes, or prints a secret encrypted with the data directory's key file.
 */
final class ChildProcess {
  private ChildProcess() {}

  public static void main(String[] args) throws Exception {
    Path dataDirectory = Path.of(args[1]);
    switch (args[0]) {
      case "hold-database" -> {
        try (Persistence persistence =
            Persistence.open(DatabaseSettings.embeddedH2(dataDirectory))) {
          System.out.println("open");
          System.out.flush();
          while (System.in.read() >= 0) {
            // Hold the database until the parent closes our input.
          }
        }
      }
      case "encrypt" ->
          System.out.println(AesGcmSecretCipher.fromKeyFile(dataDirectory).encrypt(args[2]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** Starts this class in a new JVM with the test class path. */
  static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Xshare:auto");
    command.add(ChildProcess.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The first line the process printed, waiting at most a minute for it to end or print. */
  static String firstLine(Process process) throws IOException, InterruptedException {
    String line = process.inputReader().readLine();
    if (line == null) {
      process.waitFor(60, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "The child process printed nothing; exit " + process.exitValue());
    }
    return line;
  }
}
