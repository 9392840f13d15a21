package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;
import java.util.Objects;

/**
 * A code typed by the operator of a session: an authenticator-app code or, where accepted, a
 * recovery code.
 */
public record CodeCommand(SessionToken token, String code, String clientAddress) {
  public CodeCommand {
    Objects.requireNonNull(token, "token");
    code = Objects.requireNonNullElse(code, "");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }
}
