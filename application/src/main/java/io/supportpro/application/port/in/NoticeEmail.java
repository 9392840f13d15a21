package io.supportpro.application.port.in;

/** What became of the e-mail that tells an operator about a change to their account. */
public enum NoticeEmail {
  /** The mail server accepted it. */
  SENT,
  /** None was sent: the panel sends no e-mail, or the change needs no notice. */
  NONE,
  /** The mail server could not be reached or refused it; the change was made all the same. */
  FAILED
}
