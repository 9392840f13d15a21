package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.out.duo.DuoHosts;
import io.supportpro.adapter.out.mail.SmtpSettings;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
  @Test
  void defaults_embeddedDatabaseInDataOnPort8080() {
    Configuration config = Configuration.fromEnvironment(Map.of());

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.publicUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(config.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.database()).isInstanceOf(Configuration.Database.Embedded.class);
    assertThat(config.secretKey()).isEmpty();
    assertThat(config.trustedProxies()).isEmpty();
    assertThat(config.metricsToken()).isEmpty();
    assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(400));
    assertThat(config.duoAllowedHosts()).isEqualTo(DuoHosts.DUO_ONLY);
    assertThat(config.mail()).isEmpty();
  }

  @Test
  void mail_isReadFromTheSmtpAddressAndTheSender_withThePasswordDecodedButNeverShown() {
    Configuration config =
        Configuration.fromEnvironment(
            Map.of(
                "SUPPORTPRO_SMTP_URL", " smtps://panel:s3cret%2Fpw@mail.example.com ",
                "SUPPORTPRO_SMTP_FROM", "SupportPro <panel@example.com>"));

    SmtpSettings mail = config.mail().orElseThrow();
    assertThat(mail.server()).isEqualTo("smtps://mail.example.com:465");
    assertThat(mail.credentials().orElseThrow().password()).isEqualTo("s3cret/pw");
    assertThat(mail.from()).isEqualTo("SupportPro <panel@example.com>");
    assertThat(config.toString()).contains("smtps://mail.example.com:465").doesNotContain("s3cret");
  }

  @Test
  void mail_submissionPortRequiresStarttls_andARelayUsesItWhenOffered() {
    assertThat(mailOf("smtp://mail:587").security())
        .isEqualTo(SmtpSettings.Security.STARTTLS_REQUIRED);
    assertThat(mailOf("smtp://mail:25").security())
        .isEqualTo(SmtpSettings.Security.STARTTLS_IF_OFFERED);
  }

  @Test
  void mail_oneVariableWithoutTheOther_stopsTheStartNamingTheMissingOne() {
    assertThatThrownBy(
            () -> Configuration.fromEnvironment(Map.of("SUPPORTPRO_SMTP_URL", "smtp://mail")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("SUPPORTPRO_SMTP_FROM: is needed with SUPPORTPRO_SMTP_URL");
    assertThatThrownBy(
            () ->
                Configuration.fromEnvironment(Map.of("SUPPORTPRO_SMTP_FROM", "panel@example.com")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("SUPPORTPRO_SMTP_URL: is needed with SUPPORTPRO_SMTP_FROM");
  }

  @Test
  void mail_badAddresses_areRefusedOnOneLineWithoutThePassword() {
    for (String url :
        List.of(
            "smtp://user:s3cret@mail/path",
            "imap://user:s3cret@mail",
            "smtp://user:s3cret%zz@mail",
            "smtp://user:s3cret@mail:70000",
            "smtp://user:s3cret@mail\r\nRCPT TO:<x@y.z>".translateEscapes(),
            "smtp://user:s3cret%0d%0a@mail")) {
      assertThatThrownBy(
              () ->
                  Configuration.fromEnvironment(
                      Map.of("SUPPORTPRO_SMTP_URL", url, "SUPPORTPRO_SMTP_FROM", "p@example.com")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("SUPPORTPRO_SMTP_URL: ")
          .hasMessageNotContaining("s3cret")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void mail_aSenderThatIsNotOneAddress_isRefusedNamingTheSender() {
    for (String from :
        List.of("panel", "a@b.example, c@d.example", "x <p@example.com>\nBcc: v@e.org")) {
      assertThatThrownBy(
              () ->
                  Configuration.fromEnvironment(
                      Map.of(
                          "SUPPORTPRO_SMTP_URL",
                          "smtp://mail",
                          "SUPPORTPRO_SMTP_FROM",
                          from.translateEscapes())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("SUPPORTPRO_SMTP_FROM: ");
    }
  }

  private static SmtpSettings mailOf(String url) {
    return Configuration.fromEnvironment(
            Map.of("SUPPORTPRO_SMTP_URL", url, "SUPPORTPRO_SMTP_FROM", "panel@example.com"))
        .mail()
        .orElseThrow();
  }

  @Test
  void auditRetention_isReadInWholeDays() {
    assertThat(
            Configuration.fromEnvironment(Map.of("SUPPORTPRO_AUDIT_RETENTION_DAYS", " 30 "))
                .auditRetention())
        .isEqualTo(Duration.ofDays(30));
    assertThat(
            Configuration.fromEnvironment(Map.of("SUPPORTPRO_AUDIT_RETENTION_DAYS", "36500"))
                .auditRetention())
        .isEqualTo(Duration.ofDays(36_500));
  }

  @Test
  void auditRetention_outsideOneDayToAHundredYears_isRefusedOnOneLineNamingIt() {
    for (String days : List.of("0", "-5", "36501", "1.5", "400d", "forever")) {
      assertThatThrownBy(
              () -> Configuration.fromEnvironment(Map.of("SUPPORTPRO_AUDIT_RETENTION_DAYS", days)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "SUPPORTPRO_AUDIT_RETENTION_DAYS: \"%s\" is not a whole number from 1 to 36500."
                  .formatted(days));
    }
  }

  @Test
  void duoAllowedHosts_areReadSeparatedByCommas() {
    Configuration config =
        Configuration.fromEnvironment(
            Map.of("SUPPORTPRO_DUO_ALLOWED_HOSTS", " Duo.Example.internal, proxy.internal ,"));

    assertThat(config.duoAllowedHosts().listed())
        .containsExactly("duo.example.internal", "proxy.internal");
    assertThat(config.toString()).contains("duo.example.internal");
  }

  @Test
  void duoAllowedHosts_withSomethingThatIsNotAHostName_isRefusedInOneLineNamingTheVariable() {
    assertThatThrownBy(
            () ->
                Configuration.fromEnvironment(
                    Map.of("SUPPORTPRO_DUO_ALLOWED_HOSTS", "duo.example.internal, https://x:443")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("SUPPORTPRO_DUO_ALLOWED_HOSTS: ")
        .hasMessageContaining("\"https://x:443\" is not a host name")
        .hasMessageNotContaining("\n");
  }

  @Test
  void metricsToken_isReadAndNeverPrinted() {
    String token = "0123456789abcdef0123456789abcdef";

    Configuration config = Configuration.fromEnvironment(Map.of("SUPPORTPRO_METRICS_TOKEN", token));

    assertThat(config.metricsToken()).contains(token);
    assertThat(config.toString()).doesNotContain(token);
  }

  @Test
  void metricsToken_tooShortOrWithSpaces_isRefusedWithoutRepeatingIt() {
    for (String token :
        List.of("31-characters-is-one-too-few-xx", "with a space in the middle of it here")) {
      assertThatThrownBy(
              () -> Configuration.fromEnvironment(Map.of("SUPPORTPRO_METRICS_TOKEN", token)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("SUPPORTPRO_METRICS_TOKEN: ")
          .message()
          .doesNotContain(token);
    }
  }

  @Test
  void trustedProxies_areIpAddressesSeparatedBySpacesOrCommas() throws Exception {
    Configuration config =
        Configuration.fromEnvironment(
            Map.of("SUPPORTPRO_TRUSTED_PROXIES", " 10.0.0.5, 2001:db8::1 10.0.0.6"));

    assertThat(config.trustedProxies())
        .containsExactly(
            InetAddress.getByName("10.0.0.5"),
            InetAddress.getByName("2001:db8::1"),
            InetAddress.getByName("10.0.0.6"));
  }

  @Test
  void everyVariableIsRead() {
    Configuration config =
        Configuration.fromEnvironment(
            Map.of(
                "SUPPORTPRO_PORT", " 9090 ",
                "SUPPORTPRO_HOST", "127.0.0.1",
                "SUPPORTPRO_PUBLIC_URL", "https://help.example.com/panel/",
                "SUPPORTPRO_DATA_DIR", "/var/lib/supportpro",
                "SUPPORTPRO_DB_URL", "jdbc:postgresql://db:5432/supportpro",
                "SUPPORTPRO_DB_USER", "support",
                "SUPPORTPRO_DB_PASSWORD", "s3cret",
                "SUPPORTPRO_DB_POOL_SIZE", "4",
                "SUPPORTPRO_SECRET_KEY", "a2V5",
                "SUPPORTPRO_AUDIT_RETENTION_DAYS", "730"));

    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.publicUrl()).isEqualTo(URI.create("https://help.example.com/panel"));
    assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/supportpro"));
    assertThat(config.database())
        .isEqualTo(
            new Configuration.Database.External(
                "jdbc:postgresql://db:5432/supportpro", "support", "s3cret", 4));
    assertThat(config.secretKey()).isEqualTo(Optional.of("a2V5"));
    assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(730));
  }

  @Test
  void theDatabasePasswordAndKeyAreNeverPrinted() {
    Configuration config =
        Configuration.fromEnvironment(
            Map.of(
                "SUPPORTPRO_DB_URL", "jdbc:postgresql://db/x",
                "SUPPORTPRO_DB_PASSWORD", "hunter2-password",
                "SUPPORTPRO_SECRET_KEY", "c2VjcmV0LWtleQ=="));

    assertThat(config.toString()).doesNotContain("hunter2-password").doesNotContain("c2VjcmV0");
  }

  @Test
  void badValues_nameTheirVariable() {
    assertRefused("SUPPORTPRO_PORT", "abc");
    assertRefused("SUPPORTPRO_PORT", "65536");
    assertRefused("SUPPORTPRO_PORT", "-1");
    assertRefused("SUPPORTPRO_DB_POOL_SIZE", "0");
    assertRefused("SUPPORTPRO_AUDIT_RETENTION_DAYS", "0");
    assertRefused("SUPPORTPRO_PUBLIC_URL", "ftp://example.com");
    assertRefused("SUPPORTPRO_PUBLIC_URL", "not a url");
    assertRefused("SUPPORTPRO_PUBLIC_URL", "https://example.com/?next=x");
    assertRefused("SUPPORTPRO_DB_URL", "jdbc:mysql://db/x");
    assertRefused("SUPPORTPRO_DATA_DIR", "bad\0path");
    assertRefused("SUPPORTPRO_TRUSTED_PROXIES", "10.0.0.5, proxy.example.com");
    // Words of hexadecimal letters and impossible dotted quads are host names to InetAddress.
    assertRefused("SUPPORTPRO_TRUSTED_PROXIES", "cafe");
    assertRefused("SUPPORTPRO_TRUSTED_PROXIES", "999.1.1.1");
  }

  @Test
  void aDatabaseUrlThatIsRefused_isNotRepeated() {
    assertThatThrownBy(
            () ->
                Configuration.fromEnvironment(
                    Map.of("SUPPORTPRO_DB_URL", "postgres://app:s3cret-word@db/supportpro")))
        .hasMessageStartingWith("SUPPORTPRO_DB_URL: ")
        .message()
        .doesNotContain("s3cret-word");
  }

  @Test
  void aRefusalStaysOnOneLine() {
    assertThatThrownBy(
            () -> Configuration.fromEnvironment(Map.of("SUPPORTPRO_PORT", "80\n80\r\u001b[31m")))
        .hasMessageStartingWith("SUPPORTPRO_PORT: ")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\u001b");
  }

  private static void assertRefused(String variable, String value) {
    Map<String, String> env =
        variable.equals("SUPPORTPRO_DB_POOL_SIZE")
            ? Map.of(variable, value, "SUPPORTPRO_DB_URL", "jdbc:postgresql://db/x")
            : Map.of(variable, value);
    assertThatThrownBy(() -> Configuration.fromEnvironment(env))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(variable + ": ");
  }
}
