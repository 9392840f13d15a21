package io.supportpro.application.port.out;

import io.supportpro.domain.operator.EmailAddress;
import java.util.Objects;

/** One plain-text e-mail to one operator's address. */
public record OutgoingMail(EmailAddress to, String subject, String body) {
  public OutgoingMail {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }
}
