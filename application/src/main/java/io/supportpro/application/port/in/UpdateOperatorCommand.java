package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.OperatorId;
import java.util.Objects;

/** A request to change an operator's e-mail address, display name and role, as typed. */
public record UpdateOperatorCommand(
    Actor actor, OperatorId operator, String email, String displayName, String role) {
  public UpdateOperatorCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(operator, "operator");
    email = Objects.requireNonNullElse(email, "");
    displayName = Objects.requireNonNullElse(displayName, "");
    role = Objects.requireNonNullElse(role, "");
  }
}
