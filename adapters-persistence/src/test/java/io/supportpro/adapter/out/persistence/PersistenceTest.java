package io.supportpro.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersistenceTest {
  @Test
  void versionProblem_refusesPostgreSqlOlderThan15WithOneSentence() {
    assertThat(Persistence.versionProblem("jdbc:postgresql://db/supportpro", 14, "14.13"))
        .hasValue(
            "The database at jdbc:postgresql://db/supportpro runs PostgreSQL 14.13; the panel"
                + " needs PostgreSQL 15 or newer.");
    assertThat(Persistence.versionProblem("jdbc:postgresql://db/supportpro", 15, "15.0")).isEmpty();
    assertThat(Persistence.versionProblem("jdbc:postgresql://db/supportpro", 18, "18.1")).isEmpty();
  }
}
