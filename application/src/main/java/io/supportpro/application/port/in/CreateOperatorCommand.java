package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Password;
import java.util.Objects;

/** A request to create an operator, with the fields as they were typed. */
public record CreateOperatorCommand(
    Actor actor,
    String username,
    String email,
    String displayName,
    String role,
    Password password) {
  public CreateOperatorCommand {
    Objects.requireNonNull(actor, "actor");
    username = Objects.requireNonNullElse(username, "");
    email = Objects.requireNonNullElse(email, "");
    displayName = Objects.requireNonNullElse(displayName, "");
    role = Objects.requireNonNullElse(role, "");
    Objects.requireNonNull(password, "password");
  }
}
