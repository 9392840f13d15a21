package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Password;
import java.util.Objects;

/** A sign-in attempt: the username or e-mail address and password typed, and where from. */
public record SignInCommand(String login, Password password, String clientAddress) {
  public SignInCommand {
    login = Objects.requireNonNullElse(login, "");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }
}
