package io.supportpro.application.service;

import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.domain.operator.Operator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The wording of the e-mails the panel sends an operator about their account, kept in one place so
 * that every service sends the same words.
 */
final class AccountMails {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private AccountMails() {}

  /** The single-use link to choose a new password; the link is the only secret in it. */
  static OutgoingMail resetLink(Operator operator, URI link, Duration lifetime) {
    return new OutgoingMail(
        operator.email(),
        "Choose a new SupportPro password",
        """
        Hello %s,

        Someone, probably you, asked to choose a new password for the SupportPro account %s.
        Open this link to choose it; it works once, for %d minutes:

        %s

        If you did not ask for it, ignore this message: your password stays as it is.
        """
            .formatted(
                operator.displayName().value(),
                operator.username().value(),
                lifetime.toMinutes(),
                link));
  }

  /** A short notice that the password was changed, and from where, so that a stranger shows. */
  static OutgoingMail passwordChanged(Operator operator, Instant at, String clientAddress) {
    return new OutgoingMail(
        operator.email(),
        "Your SupportPro password was changed",
        """
        Hello %s,

        The password of the SupportPro account %s was changed at %s from %s.
        If that was not you, ask an administrator to reset your password at once.
        """
            .formatted(
                operator.displayName().value(),
                operator.username().value(),
                WHEN.format(at),
                clientAddress));
  }
}
