package io.supportpro.application.port.out;

/** What became of an e-mail the panel wanted to send. */
public enum MailDelivery {
  /** The mail server accepted it. */
  SENT,
  /** No mail server is configured, so nothing was sent. */
  NOT_CONFIGURED,
  /** The mail server could not be reached or refused it; the adapter logged why. */
  FAILED
}
