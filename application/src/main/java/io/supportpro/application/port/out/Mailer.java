package io.supportpro.application.port.out;

/** Sends the panel's e-mails to operators through the mail server it is configured with, if any. */
public interface Mailer {
  /** Whether a mail server is configured; without one nothing is sent and the pages say so. */
  boolean configured();

  /**
   * Sends one plain-text message; a failure is answered (and logged without the message's body,
   * which may hold a single-use link), never thrown.
   */
  MailDelivery send(OutgoingMail mail);

  /** The mailer of a panel without a mail server: it sends nothing. */
  static Mailer none() {
    return new Mailer() {
      @Override
      public boolean configured() {
        return false;
      }

      @Override
      public MailDelivery send(OutgoingMail mail) {
        return MailDelivery.NOT_CONFIGURED;
      }
    };
  }
}
