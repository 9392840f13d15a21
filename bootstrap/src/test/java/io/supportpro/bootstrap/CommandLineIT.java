package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.persistence.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar's commands, run as separate processes on an embedded database. */
class CommandLineIT {
  private static final String PASSWORD = "Plenty-long-passphrase-7";

  @TempDir Path dataDir;

  private Map<String, String> env() {
    return Map.of("SUPPORTPRO_DATA_DIR", dataDir.toString(), "SUPPORTPRO_PORT", "0");
  }

  private static String health(int port) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private List<String> storedHashes() throws Exception {
    DatabaseSettings h2 = DatabaseSettings.embeddedH2(dataDir);
    List<String> hashes = new ArrayList<>();
    try (var connection = DriverManager.getConnection(h2.jdbcUrl(), h2.user(), h2.password());
        ResultSet rows =
            connection.createStatement().executeQuery("select password_hash from operator")) {
      while (rows.next()) {
        hashes.add(rows.getString(1));
      }
    }
    return hashes;
  }

  @Test
  void serve_onAnEmptyDataDirectoryCreatesTheDatabaseAndAnswersHealth() throws Exception {
    try (JarProcess server = JarProcess.start(env(), "", "serve")) {
      int port = server.awaitHealthy(Duration.ofSeconds(30));

      assertThat(health(port)).isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
    }
    assertThat(Files.list(dataDir)).isNotEmpty();
  }

  @Test
  void serve_isTheDefaultCommand() throws Exception {
    try (JarProcess server = JarProcess.start(env(), "")) {
      assertThat(health(server.awaitHealthy(Duration.ofSeconds(30)))).contains("\"up\"");
    }
  }

  @Test
  void aSecondStartReusesTheData() throws Exception {
    assertThat(
            JarProcess.run(
                    env(),
                    PASSWORD + "\n",
                    "create-admin",
                    "--username",
                    "root",
                    "--email",
                    "root@example.com")
                .exitCode())
        .isZero();
    try (JarProcess server = JarProcess.start(env(), "", "serve")) {
      server.awaitHealthy(Duration.ofSeconds(30));
    }

    JarProcess again =
        JarProcess.run(
            env(),
            PASSWORD + "\n",
            "create-admin",
            "--username",
            "ROOT",
            "--email",
            "other@example.com");

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).contains("--username: That username is already taken.");
    assertThat(storedHashes()).hasSize(1);
  }

  @Test
  void migrate_appliesTheMigrationsOnceThenNothing() {
    JarProcess first = JarProcess.run(env(), "", "migrate");
    JarProcess second = JarProcess.run(env(), "", "migrate");

    assertThat(first.exitCode()).isZero();
    assertThat(first.stdout()).containsPattern("Applied [1-9]\\d* migration\\(s\\)");
    assertThat(second.exitCode()).isZero();
    assertThat(second.stdout()).contains("Applied 0 migration(s)");
  }

  @Test
  void createAdmin_storesAnArgon2idHashAndNeverThePassword() throws Exception {
    JarProcess created =
        JarProcess.run(
            env(),
            PASSWORD + "\n",
            "create-admin",
            "--username",
            "Root",
            "--email",
            "Root@Example.com");

    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(created.stdout()).contains("Created administrator root <root@example.com>.");
    assertThat(created.stdout() + created.stderr()).doesNotContain(PASSWORD);
    assertThat(storedHashes())
        .singleElement()
        .satisfies(
            hash ->
                assertThat(hash)
                    .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                    .doesNotContain(PASSWORD));
  }

  @Test
  void createAdmin_refusesAShortOrCommonPasswordAndCreatesNothing() throws Exception {
    JarProcess shortOne =
        JarProcess.run(
            env(), "short\n", "create-admin", "--username", "root", "--email", "r@example.com");
    JarProcess common =
        JarProcess.run(
            env(),
            "Password1234\n",
            "create-admin",
            "--username",
            "root",
            "--email",
            "r@example.com");
    JarProcess none =
        JarProcess.run(env(), "", "create-admin", "--username", "root", "--email", "r@example.com");

    assertThat(shortOne.exitCode()).isEqualTo(1);
    assertThat(shortOne.stderr()).contains("password: A password has at least 12 characters.");
    assertThat(common.exitCode()).isEqualTo(1);
    assertThat(common.stderr()).contains("too common");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(storedHashes()).isEmpty();
  }

  @Test
  void createAdmin_refusesAPasswordGivenAsAnArgument() {
    JarProcess refused =
        JarProcess.run(
            env(),
            "",
            "create-admin",
            "--username",
            "root",
            "--email",
            "r@example.com",
            "--password",
            PASSWORD);

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr())
        .contains("unknown option --password; the password is read from standard input")
        .doesNotContain(PASSWORD);
  }

  @Test
  void anUnparseablePort_endsWithOneLineNamingTheVariable() {
    assertOneLineError(
        JarProcess.run(
            Map.of("SUPPORTPRO_PORT", "eighty", "SUPPORTPRO_DATA_DIR", dataDir.toString()),
            "",
            "serve"),
        "SUPPORTPRO_PORT");
  }

  @Test
  void anUnreachableDatabase_endsWithOneLineNamingTheVariable() {
    assertOneLineError(
        JarProcess.run(
            Map.of(
                "SUPPORTPRO_DB_URL", "jdbc:postgresql://127.0.0.1:1/supportpro",
                "SUPPORTPRO_PORT", "0",
                "SUPPORTPRO_DATA_DIR", dataDir.toString()),
            "",
            "serve"),
        "SUPPORTPRO_DB_URL");
  }

  @Test
  void anUnwritableDataDirectory_endsWithOneLineNamingTheVariable() throws Exception {
    Path aFile = Files.writeString(dataDir.resolve("not-a-directory"), "x");

    assertOneLineError(
        JarProcess.run(
            Map.of("SUPPORTPRO_DATA_DIR", aFile.resolve("data").toString()), "", "serve"),
        "SUPPORTPRO_DATA_DIR");
  }

  @Test
  void aPortInUse_endsWithOneLineNamingTheVariable() throws Exception {
    try (var taken = new java.net.ServerSocket(0)) {
      assertOneLineError(
          JarProcess.run(
              Map.of(
                  "SUPPORTPRO_PORT", Integer.toString(taken.getLocalPort()),
                  "SUPPORTPRO_DATA_DIR", dataDir.toString()),
              "",
              "serve"),
          "SUPPORTPRO_PORT");
    }
  }

  private static void assertOneLineError(JarProcess process, String variable) {
    assertThat(process.exitCode()).isEqualTo(2);
    assertThat(process.stderr().lines().toList())
        .as(process.stderr())
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("error: " + variable + ": "));
  }
}
