package io.supportpro.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The options of a java argument file such as {@code bootstrap/jvm.options}, without comments. */
public final class JvmArgumentFile {
  private JvmArgumentFile() {}

  /** Each option of the file in order, one per line, with comments and blank lines left out. */
  public static List<String> options(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .map(line -> line.replaceFirst("#.*", "").strip())
        .filter(option -> !option.isEmpty())
        .toList();
  }
}
