package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
  @Test
  void embeddedH2_isAFileDatabaseInPostgresModeAtAnAbsolutePath() {
    DatabaseSettings settings = DatabaseSettings.embeddedH2(Path.of("data"));

    assertThat(settings.jdbcUrl())
        .startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath() + "/supportpro;")
        .contains(
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            ";AUTO_SERVER=FALSE")
        .doesNotContain("DB_CLOSE_ON_EXIT");
    assertThat(settings.maximumPoolSize()).isEqualTo(DatabaseSettings.DEFAULT_POOL_SIZE);
  }

  @Test
  void embeddedH2_refusesAPathThatWouldBeReadAsSettings() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DatabaseSettings.embeddedH2(Path.of("/tmp/a;INIT=RUNSCRIPT")));
  }

  @Test
  void new_refusesOtherDatabasesAndAbsurdPoolSizes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DatabaseSettings("jdbc:mysql://x/y", "u", "p", 5));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DatabaseSettings("jdbc:postgresql://x/y", "u", "p", 0));
  }

  @Test
  void toString_andSafeUrl_hideThePassword() {
    var settings =
        new DatabaseSettings(
            "jdbc:postgresql://db/app?user=app&password=hunter2&ssl=true", "app", "s3cret", 5);

    assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
    assertThat(settings.safeUrl())
        .isEqualTo("jdbc:postgresql://db/app?user=app&password=***&ssl=true");
  }
}
