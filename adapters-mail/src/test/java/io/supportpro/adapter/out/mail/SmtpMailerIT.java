package io.supportpro.adapter.out.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.domain.operator.EmailAddress;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailerIT {
  @RegisterExtension
  static final GreenMailExtension SERVER =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static final String BODY = "Open https://panel.example/reset/SINGLE-USE-LINK to go on.";

  private static SmtpMailer mailer(String url, Duration timeout) {
    return new SmtpMailer(
        SmtpSettings.parse(url, "SupportPro <panel@example.com>"),
        (SSLSocketFactory) SSLSocketFactory.getDefault(),
        timeout);
  }

  private static String server() {
    return "smtp://127.0.0.1:" + SERVER.getSmtp().getPort();
  }

  private static OutgoingMail mail(String subject) {
    return new OutgoingMail(new EmailAddress("alice@example.com"), subject, BODY);
  }

  @Test
  void plainSmtp_deliversOneTextMessageFromTheConfiguredSender() throws Exception {
    MailDelivery delivery =
        mailer(server(), SmtpMailer.TIMEOUT)
            .send(
                new OutgoingMail(
                    new EmailAddress("alice@example.com"),
                    "Your password was changed — ✓",
                    "Hello Älice,\nline two"));

    assertThat(delivery).isEqualTo(MailDelivery.SENT);
    MimeMessage[] received = SERVER.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage message = received[0];
    assertThat(message.getSubject()).isEqualTo("Your password was changed — ✓");
    assertThat(message.getFrom()[0].toString()).isEqualTo("SupportPro <panel@example.com>");
    assertThat(message.getRecipients(Message.RecipientType.TO)[0].toString())
        .isEqualTo("alice@example.com");
    assertThat(message.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
    assertThat(((String) message.getContent()).replace("\r\n", "\n"))
        .isEqualTo("Hello Älice,\nline two");
  }

  @Test
  void lineBreaksInTheSubject_addNoHeaderAndNoRecipient() throws Exception {
    MailDelivery delivery =
        mailer(server(), SmtpMailer.TIMEOUT)
            .send(
                mail(
                    "Password changed\r\nBcc: victim@example.org\r\nX-Injected: yes\n\rTo:"
                        + " victim@example.org\u2028X-Other: 1"));

    assertThat(delivery).isEqualTo(MailDelivery.SENT);
    MimeMessage[] received = SERVER.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage message = received[0];
    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getHeader("X-Injected")).isNull();
    assertThat(message.getHeader("X-Other")).isNull();
    assertThat(message.getHeader("To")).hasSize(1);
    assertThat(message.getAllRecipients()).hasSize(1);
    assertThat(message.getSubject())
        .isEqualTo(
            "Password changed Bcc: victim@example.org X-Injected: yes To: victim@example.org"
                + " X-Other: 1");
  }

  @Test
  void credentialsOverSmtpWithoutStarttls_areNeverSent() {
    try (var log = new MailLog()) {
      MailDelivery delivery =
          mailer(
                  "smtp://panel:s3cret-Pw@127.0.0.1:" + SERVER.getSmtp().getPort(),
                  SmtpMailer.TIMEOUT)
              .send(mail("Password changed"));

      assertThat(delivery).isEqualTo(MailDelivery.FAILED);
      assertThat(SERVER.getReceivedMessages()).isEmpty();
      assertThat(log.lines()).singleElement().asString().containsIgnoringCase("STARTTLS");
      assertThat(String.join("\n", log.lines())).doesNotContain("s3cret-Pw");
    }
  }

  @Test
  void closedPort_failsQuickly_andIsLoggedOnceWithoutTheBody() throws Exception {
    int closed;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    try (var log = new MailLog()) {
      long started = System.nanoTime();
      MailDelivery delivery =
          mailer("smtp://127.0.0.1:" + closed, SmtpMailer.TIMEOUT).send(mail("Password changed"));

      assertThat(delivery).isEqualTo(MailDelivery.FAILED);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      assertThat(log.lines())
          .singleElement()
          .asString()
          .contains("smtp://127.0.0.1:" + closed)
          .doesNotContain("SINGLE-USE-LINK");
    }
  }

  @Test
  void serverThatNeverAnswers_failsWithinTheTimeout() throws Exception {
    List<Socket> held = Collections.synchronizedList(new ArrayList<>());
    try (var silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        var log = new MailLog()) {
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (Exception closed) {
                  // the test is over
                }
              });
      long started = System.nanoTime();
      MailDelivery delivery =
          mailer("smtp://127.0.0.1:" + silent.getLocalPort(), Duration.ofSeconds(1))
              .send(mail("Password changed"));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(delivery).isEqualTo(MailDelivery.FAILED);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
      assertThat(took).isLessThan(Duration.ofSeconds(4));
      assertThat(log.lines()).singleElement().asString().doesNotContain("SINGLE-USE-LINK");
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void theDefaultTimeout_isAFewSeconds() {
    assertThat(SmtpMailer.TIMEOUT).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
    assertThat(
            SmtpMailer.forServer(SmtpSettings.parse("smtp://mail", "p@example.com")).configured())
        .isTrue();
  }
}
