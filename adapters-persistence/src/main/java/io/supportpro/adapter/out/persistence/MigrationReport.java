package io.supportpro.adapter.out.persistence;

import java.util.Objects;

/** What migrating the database did: how many migrations it applied and the version it is now at. */
public record MigrationReport(int applied, String schemaVersion) {
  public MigrationReport {
    Objects.requireNonNull(schemaVersion, "schemaVersion");
    if (applied < 0) {
      throw new IllegalArgumentException("A migration cannot apply fewer than zero scripts.");
    }
  }
}
