package io.supportpro.bootstrap.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories a benchmark makes and deletes when it ends: the databases in them add up to
 * gigabytes a run, enough to fill a disk in a few runs.
 */
final class ScratchDirectories implements AutoCloseable {
  private final List<Path> made = new ArrayList<>();

  /** A new empty directory in the temporary directory, deleted on close. */
  Path create(String prefix) throws IOException {
    Path directory = Files.createTempDirectory(prefix);
    made.add(directory);
    return directory;
  }

  @Override
  public void close() {
    made.forEach(ScratchDirectories::delete);
  }

  /** Deletes the directory and everything in it. */
  static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + directory, e);
    }
  }
}
