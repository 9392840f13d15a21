package io.supportpro.bootstrap.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The figures of one benchmark run, written by each benchmark as it measures them into one file, so
 * that the run ends with one table of all of them.
 */
public final class BenchmarkFigures {
  private BenchmarkFigures() {}

  /**
   * Records one figure: what was measured ({@code "operators search, username prefix, p95"}), where
   * ({@code "H2"}, {@code "PostgreSQL"}, or {@code ""} when it does not depend on the database),
   * its value and its unit ({@code "ms"}, {@code "/s"}, {@code "%"}, {@code "MiB"}).
   */
  public static void record(String figure, String where, double value, String unit) {
    String line =
        String.join("\t", figure, where, String.format(Locale.ROOT, "%.3f", value), unit) + "\n";
    try {
      Path file = file();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file of this run's figures: {@code benchmark.figures}, by default in bootstrap/target. */
  static Path file() {
    return Path.of(
        System.getProperty("benchmark.figures", "bootstrap/target/benchmark-figures.tsv"));
  }
}
