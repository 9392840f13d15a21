package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.out.persistence.DatabaseSettings;
import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import io.supportpro.adapter.out.persistence.testing.TcpProxy;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The database stops answering while the runnable jar serves: every page that needs it answers 503
 * with {@code Retry-After} and a page that says so, sign-in creates nothing, the log gets one line
 * per refused request and no stack trace, and once the database is back everything works again with
 * nothing lost.
 *
 * <p>PostgreSQL only, reached through a TCP proxy that is cut and restored. The embedded H2
 * database runs inside the panel's own process: it cannot stop while the process goes on serving,
 * so there is no outage of it for the panel to answer.
 */
class DatabaseOutageAttackIT {
  private static final String PASSWORD = "Plenty-long-passphrase-7";

  @Test
  void whileTheDatabaseIsAway_pagesAnswer503AndAfterwardsNothingIsLost() throws Exception {
    DatabaseSettings direct = PostgresDatabases.freshDatabase();
    String database = direct.jdbcUrl().substring(direct.jdbcUrl().lastIndexOf('/') + 1);
    try (var network = new TcpProxy(PostgresDatabases.port())) {
      Map<String, String> env =
          Map.of(
              "SUPPORTPRO_HOST",
              "127.0.0.1",
              "SUPPORTPRO_PORT",
              "0",
              "SUPPORTPRO_DATA_DIR",
              Files.createTempDirectory("supportpro-outage-").toString(),
              "SUPPORTPRO_DB_URL",
              "jdbc:postgresql://127.0.0.1:" + network.port() + "/" + database,
              "SUPPORTPRO_DB_USER",
              direct.user());
      JarProcess created =
          JarProcess.run(
              env,
              PASSWORD + "\n",
              "create-admin",
              "--username",
              "root",
              "--email",
              "root@example.com");
      assertThat(created.exitCode()).as(created.stderr()).isZero();
      try (JarProcess server = JarProcess.start(env, "", "serve")) {
        URI base = URI.create("http://127.0.0.1:" + server.awaitHealthy(Duration.ofSeconds(60)));
        Browser admin = new Browser(base);
        assertThat(signIn(admin, "root", PASSWORD).status()).isEqualTo(303);
        assertThat(newOperator(admin, "carol").status()).isEqualTo(303);
        int logged = server.stderr().length();

        network.cut();

        Browser visitor = new Browser(base);
        List<Supplier<Response>> needTheDatabase =
            List.of(
                () -> admin.get("/admin/operators"),
                () -> admin.get("/"),
                () -> signIn(visitor, "root", PASSWORD));
        for (Supplier<Response> request : needTheDatabase) {
          Instant started = Instant.now();
          Response answer = request.get();
          assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(5));
          assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
          assertThat(answer.header("Retry-After")).as(answer.toString()).hasValue("5");
          assertThat(answer.text())
              .contains("The panel cannot reach its database right now.")
              .doesNotContain("Something went wrong");
          assertThat(answer.setCookie(SESSION_COOKIE)).isEmpty();
        }
        assertThat(visitor.cookie(SESSION_COOKIE)).isEmpty();
        assertThat(visitor.get("/health").status()).isEqualTo(503);
        List<String> outageLog =
            server.stderr().substring(logged).lines().filter(l -> !l.isBlank()).toList();
        assertThat(outageLog)
            .as(String.join("\n", outageLog))
            .hasSizeLessThanOrEqualTo(needTheDatabase.size())
            .noneSatisfy(line -> assertThat(line).containsAnyOf(" ERROR ", "\tat ", "Exception"));

        network.restore();

        awaitHealthy(visitor);
        Response operators = admin.get("/admin/operators");
        assertThat(operators.status()).as("the session made before the outage").isEqualTo(200);
        assertThat(operators.text()).contains("carol");
        assertThat(signIn(visitor, "root", PASSWORD).status()).isEqualTo(303);
        assertThat(visitor.get("/").status()).isEqualTo(200);
      }
    }
  }

  private static Response newOperator(Browser admin, String username) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", username);
    fields.put("email", username + "@example.com");
    fields.put("displayName", "Carol Example");
    fields.put("role", "operator");
    fields.put("password", "another-long-password-3");
    return submit(admin, "/admin/operators/new", "/admin/operators", fields);
  }

  private static void awaitHealthy(Browser browser) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (browser.get("/health").status() != 200) {
      assertThat(Instant.now()).as("healthy again within 20 s").isBefore(deadline);
      Thread.sleep(200);
    }
  }
}
