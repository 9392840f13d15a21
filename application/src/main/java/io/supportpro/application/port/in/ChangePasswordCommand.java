package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Password;
import io.supportpro.domain.session.SessionToken;
import java.util.Objects;

/**
 * A password change from the session {@code token}: the current password (ignored when the operator
 * must choose a new one after a reset), the new one, and the new one typed again.
 */
public record ChangePasswordCommand(
    SessionToken token,
    Password current,
    Password chosen,
    Password repeated,
    String clientAddress) {
  public ChangePasswordCommand {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(repeated, "repeated");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }
}
