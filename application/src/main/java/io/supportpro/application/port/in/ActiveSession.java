package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.session.Session;
import java.util.Objects;

/**
 * A live session together with its operator as they are now, and whether that operator must choose
 * a new password before anything else.
 */
public record ActiveSession(Session session, Operator operator, boolean mustChangePassword) {
  public ActiveSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(operator, "operator");
  }
}
