package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Password;
import java.util.Objects;

/**
 * A sign-in attempt: the username or e-mail address and password typed, and where from: the
 * client's address and its browser's User-Agent (empty when it sent none).
 */
public record SignInCommand(
    String login, Password password, String clientAddress, String userAgent) {
  public SignInCommand {
    login = Objects.requireNonNullElse(login, "");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(clientAddress, "clientAddress");
    userAgent = Objects.requireNonNullElse(userAgent, "");
  }

  /** An attempt from a client that sent no User-Agent. */
  public SignInCommand(String login, Password password, String clientAddress) {
    this(login, password, clientAddress, "");
  }
}
