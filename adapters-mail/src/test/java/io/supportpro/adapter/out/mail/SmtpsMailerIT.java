package io.supportpro.adapter.out.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.domain.operator.EmailAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mailer over smtps against GreenMail with a certificate for 127.0.0.1 made for this test,
 * which only this test's trust store trusts.
 */
class SmtpsMailerIT {
  private static final String PASSWORD = "p@ss:w/rd%+ü";
  private static final String STORE_PASSWORD = "changeit";
  private static final Path KEY_STORE = serverKeyStore();

  @RegisterExtension
  static final GreenMailExtension SERVER =
      new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("panel", PASSWORD));

  // GreenMail reads its key store from these properties when it opens its TLS port.
  private static Path serverKeyStore() {
    try {
      Path store = Files.createTempDirectory("greenmail-tls").resolve("server.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process process =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "greenmail",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-validity",
                  "2",
                  "-dname",
                  "CN=localhost",
                  "-ext",
                  "SAN=dns:localhost",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  STORE_PASSWORD,
                  "-keypass",
                  STORE_PASSWORD)
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      System.setProperty("greenmail.tls.keystore.file", store.toString());
      System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
      System.setProperty("greenmail.tls.key.password", STORE_PASSWORD);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Trusts exactly the test server's certificate. */
  private static SSLSocketFactory trustingTheTestServer() throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(KEY_STORE)) {
      server.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("test-server", server.getCertificate("greenmail"));
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static String url(String host, String password) {
    return "smtps://panel:%s@%s:%d".formatted(password, host, SERVER.getSmtps().getPort());
  }

  private static OutgoingMail mail() {
    return new OutgoingMail(
        new EmailAddress("alice@example.com"), "Password changed", "SINGLE-USE-LINK");
  }

  private static SmtpMailer mailer(String url, SSLSocketFactory tls) {
    return new SmtpMailer(SmtpSettings.parse(url, "panel@example.com"), tls, SmtpMailer.TIMEOUT);
  }

  @Test
  void smtpsWithAuth_deliversWithThePercentDecodedPassword() throws Exception {
    MailDelivery delivery =
        mailer(url("localhost", "p%40ss%3Aw%2Frd%25+%C3%BC"), trustingTheTestServer()).send(mail());

    assertThat(delivery).isEqualTo(MailDelivery.SENT);
    assertThat(SERVER.getReceivedMessages()).hasSize(1);
  }

  @Test
  void wrongPassword_fails_andIsLoggedWithoutThePassword() throws Exception {
    try (var log = new MailLog()) {
      MailDelivery delivery =
          mailer(url("localhost", "s3cret-Wrong"), trustingTheTestServer()).send(mail());

      assertThat(delivery).isEqualTo(MailDelivery.FAILED);
      assertThat(SERVER.getReceivedMessages()).isEmpty();
      assertThat(log.lines()).singleElement().asString().doesNotContain("s3cret-Wrong");
    }
  }

  @Test
  void certificateTheJdkDoesNotTrust_isRefused() {
    try (var log = new MailLog()) {
      MailDelivery delivery =
          SmtpMailer.forServer(SmtpSettings.parse(url("localhost", "x"), "panel@example.com"))
              .send(mail());

      assertThat(delivery).isEqualTo(MailDelivery.FAILED);
      assertThat(SERVER.getReceivedMessages()).isEmpty();
      assertThat(log.lines()).singleElement().asString().containsIgnoringCase("certification");
    }
  }

  @Test
  void certificateForAnotherName_isRefused() throws Exception {
    try (var log = new MailLog()) {
      // A trusted certificate, but for localhost: the same server reached as 127.0.0.1 is refused.
      MailDelivery delivery = mailer(url("127.0.0.1", "x"), trustingTheTestServer()).send(mail());

      assertThat(delivery).isEqualTo(MailDelivery.FAILED);
      assertThat(SERVER.getReceivedMessages()).isEmpty();
      assertThat(log.lines()).singleElement().asString().contains("127.0.0.1");
    }
  }

  @Test
  void timeoutIsShort() {
    assertThat(SmtpMailer.TIMEOUT).isLessThanOrEqualTo(Duration.ofSeconds(10));
  }
}
