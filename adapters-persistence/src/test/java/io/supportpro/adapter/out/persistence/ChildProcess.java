package io.supportpro.adapter.out.persistence;

import java.nio.file.Path;

/**
 * A second JVM for tests that need another process: it opens the embedded database in the data
 * directory it is given and holds it until its input closes.
 */
final class ChildProcess {
  private ChildProcess() {}

  public static void main(String[] args) throws Exception {
    try (Persistence persistence =
        Persistence.open(DatabaseSettings.embeddedH2(Path.of(args[0])))) {
      System.out.println("open");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Hold the database until the parent closes our input.
      }
    }
  }
}
