package io.supportpro.bootstrap;

import io.supportpro.adapter.out.persistence.DatabaseSettings;
import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two databases every full-stack test runs on. */
enum Store {
  H2,
  POSTGRESQL;

  /** A fresh, empty database of this kind, as the configuration names it. */
  Configuration.Database freshDatabase(Path dataDirectory) {
    return switch (this) {
      case H2 -> new Configuration.Database.Embedded();
      case POSTGRESQL -> {
        DatabaseSettings settings = PostgresDatabases.freshDatabase();
        yield new Configuration.Database.External(
            settings.jdbcUrl(), settings.user(), settings.password(), 10);
      }
    };
  }

  /** A new empty data directory. */
  static Path temporaryDataDirectory() {
    try {
      return Files.createTempDirectory("supportpro-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
