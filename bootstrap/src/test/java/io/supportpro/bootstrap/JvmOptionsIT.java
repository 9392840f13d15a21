package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JvmOptionsIT {
  private static final Path OPTIONS = Path.of("jvm.options");

  @Test
  void recommendedOptions_startThisJdkWithoutAWarning() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The class cache options are left out: a JVM that only prints its version would write a class
    // archive of nothing in the cache's place.
    JvmArgumentFile.options(OPTIONS).stream()
        .filter(option -> !option.contains("SharedArchive"))
        .forEach(command::add);
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(java.exitValue()).as(output).isZero();
    assertThat(output).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("error");
  }
}
