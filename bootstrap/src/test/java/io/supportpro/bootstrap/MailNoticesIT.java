package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.out.mail.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole panel over HTTP, sending its notices to a real SMTP server, or to one that is down. */
class MailNoticesIT {
  private static final String NEW = "copper-Lantern-88-meadow";
  private static final String FROM = "SupportPro <panel@example.com>";

  @RegisterExtension
  static final GreenMailExtension SERVER =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static Response changePassword(Browser browser) {
    return submit(
        browser,
        "/account/password",
        "/account/password",
        Map.of("current", Panel.PASSWORD, "password", NEW, "repeat", NEW));
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aNewBrowserAndAPasswordChange_arriveAsPlainTextNotices(Store store) throws Exception {
    var mail = SmtpSettings.parse("smtp://127.0.0.1:" + SERVER.getSmtp().getPort(), FROM);
    try (Panel panel = Panel.withMail(store, mail)) {
      panel.operator("alice", "operator");
      Browser alice = panel.browser();
      assertThat(signIn(alice, "alice", Panel.PASSWORD).status()).isEqualTo(303);

      Response changed = changePassword(alice);

      assertThat(changed.location()).hasValue("/account/password?notice=password-changed");
      assertThat(alice.follow(changed).text()).doesNotContain("could not be sent");
      // The first sign-in from this browser was announced too, from the mail thread.
      assertThat(SERVER.waitForIncomingEmail(10_000, 2)).isTrue();
      MimeMessage[] received = SERVER.getReceivedMessages();
      assertThat(received).hasSize(2);
      MimeMessage newBrowser = withSubject(received, "SupportPro: sign-in from a new browser");
      assertThat((String) newBrowser.getContent())
          .contains("signed in to your SupportPro account \"alice\"")
          .contains("from a browser not seen before");
      MimeMessage password = withSubject(received, "SupportPro: your password was changed");
      assertThat(password.getRecipients(Message.RecipientType.TO)[0].toString())
          .isEqualTo("alice@example.com");
      assertThat(password.getFrom()[0].toString()).isEqualTo(FROM);
      assertThat((String) password.getContent())
          .contains("The password was changed for your SupportPro account \"alice\"")
          .contains("by you, from the address 127.0.0.1")
          .doesNotContain(NEW);
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aMailServerThatIsDown_leavesThePasswordChanged_andThePageSaysSo(Store store) {
    var mail = SmtpSettings.parse("smtp://127.0.0.1:" + closedPort(), FROM);
    try (Panel panel = Panel.withMail(store, mail)) {
      panel.operator("alice", "operator");
      Browser alice = panel.browser();
      signIn(alice, "alice", Panel.PASSWORD);

      Response changed = changePassword(alice);

      assertThat(changed.status()).isEqualTo(303);
      assertThat(alice.follow(changed).text())
          .contains("Your password was changed")
          .contains("The notice e-mail could not be sent.");
      assertThat(signIn(panel.browser(), "alice", NEW).status()).isEqualTo(303);
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aBrowserSeenBefore_signsInWithoutANotice(Store store) throws Exception {
    var mail = SmtpSettings.parse("smtp://127.0.0.1:" + SERVER.getSmtp().getPort(), FROM);
    try (Panel panel = Panel.withMail(store, mail)) {
      panel.operator("alice", "operator");
      Browser alice = panel.browser();
      signIn(alice, "alice", Panel.PASSWORD);
      // The browser closes (its session cookie goes) and signs in again another day.
      alice.removeCookie("supportpro_session");
      signIn(alice, "alice", Panel.PASSWORD);
      signIn(panel.browser(), "alice", Panel.PASSWORD);

      assertThat(SERVER.waitForIncomingEmail(10_000, 2)).isTrue();
      assertThat(SERVER.getReceivedMessages())
          .extracting(MimeMessage::getSubject)
          .containsExactly(
              "SupportPro: sign-in from a new browser", "SupportPro: sign-in from a new browser");
      assertThat(panel.count("SELECT COUNT(*) FROM known_browser")).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void linksAskedForJustBeforeTheServerStops_areStillStoredAndSent(Store store) {
    var mail = SmtpSettings.parse("smtp://127.0.0.1:" + SERVER.getSmtp().getPort(), FROM);
    int asked = 10;
    try (Panel panel = Panel.withMail(store, mail)) {
      Browser visitor = panel.browser();
      for (int i = 0; i < asked; i++) {
        String name = "agent" + i;
        panel.operator(name, "operator");
        Response answer = submit(visitor, "/login/forgot", "/login/forgot", Map.of("login", name));
        assertThat(answer.status()).isEqualTo(303);
      }
      // Closed at once: the mail thread still has most of the links to store and send.
    }

    assertThat(SERVER.getReceivedMessages())
        .hasSize(asked)
        .allSatisfy(
            message ->
                assertThat(message.getSubject()).isEqualTo("SupportPro: choose a new password"));
  }

  private static MimeMessage withSubject(MimeMessage[] received, String subject) {
    return Arrays.stream(received)
        .filter(
            message -> {
              try {
                return message.getSubject().equals(subject);
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .findFirst()
        .orElseThrow(() -> new AssertionError("no message with the subject " + subject));
  }

  private static int closedPort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
