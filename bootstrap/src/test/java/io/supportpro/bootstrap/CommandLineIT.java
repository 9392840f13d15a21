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

  private List<String> rows(String sql) throws Exception {
    DatabaseSettings h2 = DatabaseSettings.embeddedH2(dataDir);
    List<String> found = new ArrayList<>();
    try (var connection = DriverManager.getConnection(h2.jdbcUrl(), h2.user(), h2.password());
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      while (rows.next()) {
        found.add(rows.getString(1));
      }
    }
    return found;
  }

  private void execute(String sql) throws Exception {
    DatabaseSettings h2 = DatabaseSettings.embeddedH2(dataDir);
    try (var connection = DriverManager.getConnection(h2.jdbcUrl(), h2.user(), h2.password())) {
      connection.createStatement().execute(sql);
    }
  }

  /** What the audit log holds from the command line, as "TYPE details". */
  private List<String> commandLineAudit() throws Exception {
    return rows(
        "select event_type || ' ' || details from audit_event"
            + " where actor_name = 'command line' and actor_operator_id is null order by position");
  }

  @Test
  void resetPassword_setsThePasswordFromStandardInputAndIsAuditedFromTheCommandLine()
      throws Exception {
    JarProcess.createRoot(env(), PASSWORD);
    String before = storedHashes().getFirst();
    String chosen = "Another-long-passphrase-9";

    JarProcess reset = JarProcess.run(env(), chosen + "\n", "reset-password", "--username", "ROOT");

    assertThat(reset.exitCode()).as(reset.stderr()).isZero();
    assertThat(reset.stdout()).contains("Set a new password for root");
    assertThat(reset.stdout() + reset.stderr()).doesNotContain(chosen);
    assertThat(storedHashes())
        .singleElement()
        .satisfies(hash -> assertThat(hash).isNotEqualTo(before).doesNotContain(chosen));
    assertThat(rows("select must_change_password from operator")).containsExactly("FALSE");
    assertThat(commandLineAudit())
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry)
                    .startsWith("PASSWORD_RESET ")
                    .contains("temporary=false")
                    .doesNotContain(chosen));
  }

  @Test
  void resetPassword_refusesAWeakPasswordAnUnknownOperatorAndAnEMailAddress() throws Exception {
    JarProcess.createRoot(env(), PASSWORD);
    String before = storedHashes().getFirst();

    JarProcess weak = JarProcess.run(env(), "short\n", "reset-password", "--username", "root");
    JarProcess unknown =
        JarProcess.run(env(), PASSWORD + "x\n", "reset-password", "--username", "nobody");
    JarProcess byEmail =
        JarProcess.run(env(), PASSWORD + "x\n", "reset-password", "--username", "r@example.com");

    assertThat(weak.exitCode()).isEqualTo(1);
    assertThat(weak.stderr()).contains("error: password: A password has at least 12 characters.");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.stderr()).contains("error: --username: no operator is named nobody.");
    assertThat(byEmail.exitCode()).isEqualTo(1);
    assertThat(storedHashes()).containsExactly(before);
    assertThat(commandLineAudit()).isEmpty();
  }

  @Test
  void resetTwoFactor_removesTheAuthenticatorAppAndIsAuditedFromTheCommandLine() throws Exception {
    JarProcess.createRoot(env(), PASSWORD);
    execute(
        "insert into totp_enrolment (operator_id, encrypted_secret, confirmed, created_at)"
            + " select id, 'v1:unreadable', true, current_timestamp from operator");

    JarProcess reset = JarProcess.run(env(), "", "reset-2fa", "--username", "root");
    JarProcess again = JarProcess.run(env(), "", "reset-2fa", "--username", "root");

    assertThat(reset.exitCode()).as(reset.stderr()).isZero();
    assertThat(reset.stdout()).contains("Reset two-factor authentication of root");
    assertThat(rows("select operator_id from totp_enrolment")).isEmpty();
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).contains("root has no authenticator app to reset");
    assertThat(commandLineAudit())
        .singleElement()
        .satisfies(entry -> assertThat(entry).startsWith("TWO_FACTOR_RESET "));
    assertThat(JarProcess.run(env(), "", "reset-2fa", "--username", "nobody").exitCode())
        .isEqualTo(1);
  }

  @Test
  void deactivatePlugin_keepsItsSettingsAndIsAuditedFromTheCommandLine() throws Exception {
    assertThat(JarProcess.run(env(), "", "migrate").exitCode()).isZero();
    execute("insert into installed_plugin (plugin_id, state) values ('duo-security', 'ACTIVE')");

    JarProcess deactivated = JarProcess.run(env(), "", "deactivate-plugin", "--id", "duo-security");
    JarProcess again = JarProcess.run(env(), "", "deactivate-plugin", "--id", "duo-security");
    JarProcess unknown = JarProcess.run(env(), "", "deactivate-plugin", "--id", "no-such-plugin");

    assertThat(deactivated.exitCode()).as(deactivated.stderr()).isZero();
    assertThat(deactivated.stdout()).contains("Deactivated plugin duo-security.");
    assertThat(rows("select state from installed_plugin")).containsExactly("INACTIVE");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).startsWith("error: --id: ");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(commandLineAudit())
        .first()
        .satisfies(entry -> assertThat(entry).startsWith("PLUGIN_DEACTIVATED "));
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
