package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Password;
import java.util.Objects;

/** A new password chosen through a reset link: the link's token, the password twice, the client. */
public record ResetPasswordByLinkCommand(
    String token, Password chosen, Password repeated, String clientAddress) {
  public ResetPasswordByLinkCommand {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(repeated, "repeated");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }
}
