package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.out.persistence.testing.ChildJvm;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a second process on the same data directory finds. */
class SecondProcessIT {
  @TempDir Path dataDirectory;

  @Test
  void embeddedDatabase_aSecondProcessIsToldItIsInUse() throws Exception {
    Process holder = ChildJvm.start(ChildProcess.class, dataDirectory.toString());
    try {
      assertThat(ChildJvm.firstLine(holder)).isEqualTo("open");

      assertThatThrownBy(() -> Persistence.open(DatabaseSettings.embeddedH2(dataDirectory)))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageEndingWith(
              "is in use by another process; an embedded database serves one process only.");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (Persistence afterwards = Persistence.open(DatabaseSettings.embeddedH2(dataDirectory))) {
      assertThat(afterwards.stores().healthProbe().databaseReachable()).isTrue();
    }
  }
}
