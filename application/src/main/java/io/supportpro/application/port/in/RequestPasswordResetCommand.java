package io.supportpro.application.port.in;

import java.util.Objects;

/** A request for a password reset link: the username or e-mail address as typed, and the client. */
public record RequestPasswordResetCommand(String login, String clientAddress) {
  public RequestPasswordResetCommand {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }
}
