package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import io.supportpro.adapter.out.persistence.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a second process on the same data directory finds. */
class SecondProcessIT {
  @TempDir Path dataDirectory;

  @Test
  void keyFile_processesStartingTogetherEndWithOneKey() throws Exception {
    List<Process> processes =
        List.of(
            ChildJvm.start(ChildProcess.class, dataDirectory.toString(), "first"),
            ChildJvm.start(ChildProcess.class, dataDirectory.toString(), "second"),
            ChildJvm.start(ChildProcess.class, dataDirectory.toString(), "third"));
    List<String> encrypted = new java.util.ArrayList<>();
    for (Process process : processes) {
      encrypted.add(ChildJvm.firstLine(process));
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    var cipher = new AesGcmSecretCipher(SecretKeyFile.readOrCreate(dataDirectory));
    assertThat(encrypted.stream().map(cipher::decrypt)).containsExactly("first", "second", "third");
  }
}
