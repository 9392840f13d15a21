package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.session.Session;
import java.util.Objects;

/** A live session together with its operator as they are now. */
public record ActiveSession(Session session, Operator operator) {
  public ActiveSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(operator, "operator");
  }
}
