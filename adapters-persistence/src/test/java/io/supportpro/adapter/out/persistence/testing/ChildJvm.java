package io.supportpro.adapter.out.persistence.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another JVM with the test class path, for tests of what a second process finds. */
public final class ChildJvm {
  private ChildJvm() {}

  /** Starts the main method of {@code main} in a new JVM with the test class path. */
  public static Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Xshare:auto");
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The first line the process printed, waiting at most a minute for it to end or print. */
  public static String firstLine(Process process) throws IOException, InterruptedException {
    String line = process.inputReader().readLine();
    if (line == null) {
      process.waitFor(60, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "The child process printed nothing; exit " + process.exitValue());
    }
    return line;
  }
}
