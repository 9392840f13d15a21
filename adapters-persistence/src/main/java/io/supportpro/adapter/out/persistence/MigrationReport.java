package io.supportpro.adapter.out.persistence;

import java.util.Objects;

/**
 * What migrating the database did: how many migrations it applied, the version it is now at, and
 * whether Flyway scanned and validated the migrations, which a start on a schema already at the
 * newest version skips after one query.
 */
public record MigrationReport(int applied, String schemaVersion, boolean scanned) {
  public MigrationReport {
    Objects.requireNonNull(schemaVersion, "schemaVersion");
    if (applied < 0) {
      throw new IllegalArgumentException("A migration cannot apply fewer than zero scripts.");
    }
  }
}
