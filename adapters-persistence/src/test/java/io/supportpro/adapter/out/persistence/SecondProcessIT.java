package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a second process on the same data directory finds. */
class SecondProcessIT {
  @TempDir Path dataDirectory;

  @Test
  void embeddedDatabase_aSecondProcessIsToldItIsInUse() throws Exception {
    Process holder = ChildProcess.start("hold-database", dataDirectory.toString());
    try {
      assertThat(ChildProcess.firstLine(holder)).isEqualTo("open");

      assertThatThrownBy(() -> Persistence.open(DatabaseSettings.embeddedH2(dataDirectory)))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageEndingWith(
              "is in use by another process; an embedded database serves one process only.");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (Persistence afterwards = Persistence.open(DatabaseSettings.embeddedH2(dataDirectory))) {
      assertThat(afterwards.healthProbe().databaseReachable()).isTrue();
    }
  }

  @Test
  void keyFile_processesStartingTogetherEndWithOneKey() throws Exception {
    List<Process> processes =
        List.of(
            ChildProcess.start("encrypt", dataDirectory.toString(), "first"),
            ChildProcess.start("encrypt", dataDirectory.toString(), "second"),
            ChildProcess.start("encrypt", dataDirectory.toString(), "third"));
    List<String> encrypted = new java.util.ArrayList<>();
    for (Process process : processes) {
      encrypted.add(ChildProcess.firstLine(process));
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    AesGcmSecretCipher cipher = AesGcmSecretCipher.fromKeyFile(dataDirectory);
    assertThat(encrypted.stream().map(cipher::decrypt)).containsExactly("first", "second", "third");
  }
}
