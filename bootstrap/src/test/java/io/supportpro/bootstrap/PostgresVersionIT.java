package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.out.persistence.DatabaseSettings;
import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar on a supported PostgreSQL (the tests' own, 17) says nothing about its version.
 */
class PostgresVersionIT {
  @Test
  void aSupportedPostgreSql_startsAndServesWithoutAVersionWarning() throws Exception {
    DatabaseSettings database = PostgresDatabases.freshDatabase();
    Map<String, String> env =
        Map.of(
            "SUPPORTPRO_HOST", "127.0.0.1",
            "SUPPORTPRO_PORT", "0",
            "SUPPORTPRO_DATA_DIR", Files.createTempDirectory("supportpro-pg-").toString(),
            "SUPPORTPRO_DB_URL", database.jdbcUrl(),
            "SUPPORTPRO_DB_USER", database.user());
    try (JarProcess server = JarProcess.start(env, "", "serve")) {
      URI base = URI.create("http://127.0.0.1:" + server.awaitHealthy(Duration.ofSeconds(60)));

      // jOOQ looks at the version when it first runs a statement, which a sign-in does.
      assertThat(signIn(new Browser(base), "nobody", "Not-the-password-1").status()).isEqualTo(401);

      assertThat(server.stderr()).doesNotContainIgnoringCase("version");
    }
  }
}
