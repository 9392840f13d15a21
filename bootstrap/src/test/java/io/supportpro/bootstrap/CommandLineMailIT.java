package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.supportpro.adapter.out.persistence.DatabaseSettings;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command line's ways back in tell the operator by e-mail, as the panel's do. */
class CommandLineMailIT {
  private static final String PASSWORD = "Plenty-long-passphrase-7";

  @RegisterExtension
  static final GreenMailExtension SERVER =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @TempDir Path dataDir;

  private Map<String, String> env(int smtpPort) {
    return Map.of(
        "SUPPORTPRO_DATA_DIR",
        dataDir.toString(),
        "SUPPORTPRO_SMTP_URL",
        "smtp://127.0.0.1:" + smtpPort,
        "SUPPORTPRO_SMTP_FROM",
        "SupportPro <panel@example.com>");
  }

  /** Gives every operator an authenticator app, so that reset-2fa has something to reset. */
  private void enrolEveryone() throws SQLException {
    DatabaseSettings h2 = DatabaseSettings.embeddedH2(dataDir);
    try (var connection = DriverManager.getConnection(h2.jdbcUrl(), h2.user(), h2.password())) {
      connection
          .createStatement()
          .execute(
              "insert into totp_enrolment (operator_id, encrypted_secret, confirmed, created_at)"
                  + " select id, 'v1:unreadable', true, current_timestamp from operator");
    }
  }

  @Test
  void resetPasswordAndResetTwoFactor_eachSendANotice_andSayWhenItCouldNotBeSent()
      throws SQLException {
    int port = SERVER.getSmtp().getPort();
    JarProcess.createRoot(env(port), PASSWORD);

    JarProcess password =
        JarProcess.run(env(port), PASSWORD + "x\n", "reset-password", "--username", "root");
    enrolEveryone();
    JarProcess twoFactor = JarProcess.run(env(port), "", "reset-2fa", "--username", "root");

    assertThat(password.exitCode()).as(password.stderr()).isZero();
    assertThat(twoFactor.exitCode()).as(twoFactor.stderr()).isZero();
    assertThat(SERVER.getReceivedMessages())
        .extracting(MimeMessage::getSubject)
        .containsExactly(
            "SupportPro: your password was changed", "SupportPro: your second factor was changed");
    assertThat(password.stdout()).doesNotContain("could not be sent");

    SERVER.stop();
    enrolEveryone();
    JarProcess unsent = JarProcess.run(env(port), "", "reset-2fa", "--username", "root");

    assertThat(unsent.exitCode()).as(unsent.stderr()).isZero();
    assertThat(unsent.stdout())
        .contains("Reset two-factor authentication of root")
        .contains("The notice e-mail could not be sent.");
  }
}
