package io.supportpro.adapter.out.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.out.mail.SmtpSettings.Credentials;
import io.supportpro.adapter.out.mail.SmtpSettings.Security;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpSettingsTest {
  private static final String FROM = "panel@example.com";

  @Test
  void relay_onPort25ByDefault_usesStarttlsWhenOffered() {
    SmtpSettings settings = SmtpSettings.parse("smtp://mail", FROM);

    assertThat(settings.host()).isEqualTo("mail");
    assertThat(settings.port()).isEqualTo(25);
    assertThat(settings.security()).isEqualTo(Security.STARTTLS_IF_OFFERED);
    assertThat(settings.credentials()).isEmpty();
    assertThat(settings.server()).isEqualTo("smtp://mail:25");
  }

  @Test
  void submissionPort587_requiresStarttls() {
    assertThat(SmtpSettings.parse("smtp://Mail.Example.com:587", FROM))
        .extracting(SmtpSettings::host, SmtpSettings::port, SmtpSettings::security)
        .containsExactly("mail.example.com", 587, Security.STARTTLS_REQUIRED);
  }

  @Test
  void credentialsOverSmtp_requireStarttls_soThatThePasswordNeverTravelsInClearText() {
    assertThat(SmtpSettings.parse("smtp://u:p@mail:2525", FROM).security())
        .isEqualTo(Security.STARTTLS_REQUIRED);
  }

  @Test
  void smtps_onPort465ByDefault_withPercentDecodedUserAndPassword() {
    SmtpSettings settings =
        SmtpSettings.parse("SMTPS://panel%40example.com:p%40ss%3Aw%2Frd%25+x@[::1]", FROM);

    assertThat(settings.security()).isEqualTo(Security.IMPLICIT_TLS);
    assertThat(settings.port()).isEqualTo(465);
    assertThat(settings.host()).isEqualTo("[::1]");
    assertThat(settings.credentials())
        .contains(new Credentials("panel@example.com", "p@ss:w/rd%+x"));
  }

  @Test
  void text_neverShowsThePassword() {
    SmtpSettings settings = SmtpSettings.parse("smtps://user:s3cret-Pw@mail:465", FROM);

    assertThat(settings.toString()).contains("user").doesNotContain("s3cret-Pw");
    assertThat(settings.credentials().orElseThrow().toString()).doesNotContain("s3cret-Pw");
    assertThat(settings.server()).isEqualTo("smtps://mail:465").doesNotContain("user");
  }

  @Test
  void sender_mayHaveADisplayName() {
    assertThat(SmtpSettings.parse("smtp://mail", " SupportPro <panel@example.com> ").from())
        .isEqualTo("SupportPro <panel@example.com>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mail:25",
        "http://mail",
        "smtp://",
        "smtp:///path",
        "smtp://mail/inbox",
        "smtp://mail?x=1",
        "smtp://mail#f",
        "smtp://mail:0",
        "smtp://mail:99999",
        "smtp://bad_host:25",
        "smtp://mail host",
        "smtp://user@mail",
        "smtp://:s3cret-Pw@mail",
        "smtp://user:@mail",
        "smtp://user:s3cret-Pw%zz@mail",
        "smtp://user:s3cret-Pw%@mail",
        "smtp://user:s3cret-Pw%ff@mail",
        "smtp://user:s3cret-Pw%0d%0aRCPT@mail",
        "smtp://mail\r\nX: y",
        "smtp://user:s3cret-Pw@mail\u0000"
      })
  void malformedOrHostileAddresses_areRefusedWithoutRepeatingThem(String url) {
    assertThatThrownBy(() -> SmtpSettings.parse(url, FROM))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(SmtpSettings.SenderException.class)
        .message()
        .doesNotContain("s3cret-Pw")
        .doesNotContain("\n")
        .contains("smtps://user:password@mail.example.com:465");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "panel",
        "panel@",
        "a@b.c, d@e.f",
        "Panel\r\nBcc: victim@example.org <panel@example.com>",
        "panel@example.com\nBcc: victim@example.org",
        "\"Sup\u2028port\" <panel@example.com>"
      })
  void unusableSenders_areRefusedAsTheSender(String from) {
    assertThatThrownBy(() -> SmtpSettings.parse("smtp://mail", from))
        .isInstanceOf(SmtpSettings.SenderException.class)
        .hasMessageContaining("SupportPro <panel@example.com>");
  }

  @Test
  void noCredentials_meansNone() {
    assertThat(SmtpSettings.parse("smtp://mail:2525", FROM).credentials())
        .isEqualTo(Optional.empty());
  }
}
