package io.supportpro.application.port.in;

import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.SessionHandle;
import java.util.Objects;

/** Ending one session of an operator, asked by the viewer from a client address. */
public record EndSessionCommand(
    ActiveSession viewer, OperatorId whose, SessionHandle handle, String clientAddress) {
  public EndSessionCommand {
    Objects.requireNonNull(viewer, "viewer");
    Objects.requireNonNull(whose, "whose");
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }
}
