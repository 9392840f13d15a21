package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;
import java.util.Objects;
import java.util.Optional;

/**
 * What the browser brought back from Duo: its session cookie (if any), the state, and either a code
 * or an error with its description.
 */
public record DuoCallbackCommand(
    Optional<SessionToken> token,
    String state,
    String code,
    String error,
    String errorDescription,
    String clientAddress) {
  public DuoCallbackCommand {
    Objects.requireNonNull(token, "token");
    state = Objects.requireNonNullElse(state, "");
    code = Objects.requireNonNullElse(code, "");
    error = Objects.requireNonNullElse(error, "");
    errorDescription = Objects.requireNonNullElse(errorDescription, "");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }

  @Override
  public String toString() {
    return "DuoCallbackCommand[error=" + error + "]";
  }
}
