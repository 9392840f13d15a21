package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class cache that {@code jvm.options} names: whatever is in its place, missing, made for
 * another jar or not a cache at all, the server starts with those options, migrates a new database
 * and answers; only slower.
 */
class ClassCacheIT {
  private static final Path OPTIONS = Path.of("jvm.options");

  @TempDir Path directory;

  @Test
  void aMissingCache_neverStopsTheStart() throws Exception {
    assertServes(directory.resolve("supportpro.jsa"));
  }

  @Test
  void aFileThatIsNoCache_neverStopsTheStart() throws Exception {
    Path cache = directory.resolve("supportpro.jsa");
    byte[] noise = new byte[64 * 1024];
    new Random(42).nextBytes(noise);
    Files.write(cache, noise);

    assertServes(cache);
  }

  @Test
  void anEmptyFile_neverStopsTheStart() throws Exception {
    Path cache = Files.createFile(directory.resolve("supportpro.jsa"));

    assertServes(cache);
  }

  private void assertServes(Path cache) throws Exception {
    List<String> options = optionsWithCache(cache);
    assertThat(options).contains("-XX:SharedArchiveFile=" + cache);
    Path data = Files.createDirectory(directory.resolve("data"));
    try (JarProcess server =
        JarProcess.start(
            options,
            Map.of(
                "SUPPORTPRO_DATA_DIR", data.toString(),
                "SUPPORTPRO_HOST", "127.0.0.1",
                "SUPPORTPRO_PORT", "0"),
            "",
            "serve")) {
      assertThat(server.awaitHealthy(Duration.ofSeconds(120))).isPositive();
    }
  }

  /** The options of {@code jvm.options} as the server is started with them, this cache in place. */
  private static List<String> optionsWithCache(Path cache) throws Exception {
    return JvmArgumentFile.options(OPTIONS).stream()
        .map(
            option ->
                option.startsWith("-XX:SharedArchiveFile=")
                    ? "-XX:SharedArchiveFile=" + cache
                    : option)
        .toList();
  }
}
