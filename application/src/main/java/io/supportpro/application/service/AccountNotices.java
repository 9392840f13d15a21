package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.session.ClientDescription;
import io.supportpro.domain.session.SessionClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Tells operators by e-mail what changed on their account, when, by whom and from where, and what
 * to do if it was not them: the one place where these messages are worded and sent.
 */
final class AccountNotices {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final String IF_NOT_YOU =
      "If this was not you, and you did not ask for it, tell an administrator of the panel at"
          + " once: your password and second factor should be reset and the audit log checked.";

  /** A change to the second factor, worded as what happened to the account. */
  enum SecondFactorChange {
    APP_SET_UP("An authenticator app was set up for"),
    APP_REMOVED("The authenticator app was removed from"),
    RECOVERY_CODES_REPLACED(
        "New recovery codes were issued, and the earlier ones stopped working, for"),
    RESET("Two-factor authentication was reset, removing the authenticator app, for");

    private final String what;

    SecondFactorChange(String what) {
      this.what = what;
    }
  }

  private final Mailer mailer;

  AccountNotices(Mailer mailer) {
    this.mailer = requireNonNull(mailer, "mailer");
  }

  /** The operator's password was changed or reset. */
  NoticeEmail passwordChanged(Operator operator, Instant at, Actor by, SessionClient client) {
    return send(
        operator,
        List.of(operator.email()),
        "SupportPro: your password was changed",
        sentence("The password was changed for", operator, at, by, client));
  }

  /** The operator's authenticator app or recovery codes changed. */
  NoticeEmail secondFactorChanged(
      Operator operator, SecondFactorChange change, Instant at, Actor by, SessionClient client) {
    return send(
        operator,
        List.of(operator.email()),
        "SupportPro: your second factor was changed",
        sentence(change.what, operator, at, by, client));
  }

  /** A plugin's second factor was turned on or off for this operator alone. */
  NoticeEmail pluginSecondFactorChanged(
      Operator operator, String pluginName, boolean enabled, Instant at, Actor by) {
    String what =
        (enabled
                ? "Signing in with %s as the second factor was turned on for"
                : "Signing in with %s as the second factor was turned off for")
            .formatted(pluginName);
    return send(
        operator,
        List.of(operator.email()),
        "SupportPro: your second factor was changed",
        sentence(what, operator, at, by, SessionClient.UNKNOWN));
  }

  /** The operator's e-mail address changed: both the old and the new address are told. */
  NoticeEmail emailChanged(Operator before, Operator after, Instant at, Actor by) {
    String what =
        "The e-mail address was changed from %s to %s for".formatted(before.email(), after.email());
    return send(
        after,
        List.of(before.email(), after.email()),
        "SupportPro: your e-mail address was changed",
        sentence(what, after, at, by, SessionClient.UNKNOWN));
  }

  /**
   * The single-use link to choose a new password, which is the only secret in it; answered as the
   * mailer's delivery, for the audit of the request.
   */
  MailDelivery resetLink(Operator operator, URI link, Duration lifetime) {
    String body =
        """
        Hello %s,

        Someone, probably you, asked to choose a new password for your SupportPro account "%s".
        Open this link to choose it; it works once, for %d minutes:

        %s

        If you did not ask for it, ignore this message: your password stays as it is.
        """
            .formatted(
                operator.displayName().value(),
                operator.username().value(),
                lifetime.toMinutes(),
                link);
    return deliver(new OutgoingMail(operator.email(), "SupportPro: choose a new password", body));
  }

  /** A sign-in completed from a browser not seen before for this operator. */
  NoticeEmail newBrowser(Operator operator, Instant at, SessionClient client) {
    String text =
        "Someone signed in to your SupportPro account \"%s\" on %s from a browser not seen before"
                .formatted(operator.username().value(), WHEN.format(at))
            + " for this account, "
            + where(client.address(), client)
            + ".";
    return send(
        operator, List.of(operator.email()), "SupportPro: sign-in from a new browser", text);
  }

  private static String sentence(
      String what, Operator operator, Instant at, Actor by, SessionClient client) {
    return "%s your SupportPro account \"%s\" on %s, %s."
        .formatted(what, operator.username().value(), WHEN.format(at), who(operator, by, client));
  }

  private static String who(Operator operator, Actor by, SessionClient client) {
    if (by.operator().isEmpty()) {
      return "on the server itself (" + by.name() + ")";
    }
    if (by.operator().get().equals(operator.id())) {
      return "by you, " + where(by.clientAddress(), client);
    }
    return "by the administrator \"" + by.name() + "\", " + where(by.clientAddress(), client);
  }

  private static String where(String address, SessionClient client) {
    ClientDescription browser = client.description();
    String from = "from the address " + (address.isEmpty() ? "(unknown)" : address);
    if (browser.browser().equals(ClientDescription.UNKNOWN)
        && browser.system().equals(ClientDescription.UNKNOWN)) {
      return from;
    }
    return from + " (" + browser.browser() + " on " + browser.system() + ")";
  }

  private NoticeEmail send(
      Operator operator, List<EmailAddress> recipients, String subject, String what) {
    if (!mailer.configured()) {
      return NoticeEmail.NONE;
    }
    String body =
        "Hello %s,\n\n%s\n\n%s\n\nThis message was sent automatically; replies are not read.\n"
            .formatted(operator.displayName().value(), what, IF_NOT_YOU);
    NoticeEmail outcome = NoticeEmail.NONE;
    for (EmailAddress to : recipients) {
      MailDelivery delivery = deliver(new OutgoingMail(to, subject, body));
      if (delivery == MailDelivery.FAILED) {
        outcome = NoticeEmail.FAILED;
      } else if (delivery == MailDelivery.SENT && outcome == NoticeEmail.NONE) {
        outcome = NoticeEmail.SENT;
      }
    }
    return outcome;
  }

  // The port promises never to throw; should an adapter break that, the change still stands.
  private MailDelivery deliver(OutgoingMail mail) {
    try {
      return mailer.send(mail);
    } catch (RuntimeException e) {
      return MailDelivery.FAILED;
    }
  }
}
