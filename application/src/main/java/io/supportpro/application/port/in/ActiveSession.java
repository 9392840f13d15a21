package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.session.Session;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A live session together with its operator as they are now, whether that operator must choose a
 * new password before anything else, and the language they chose to read the panel in.
 */
public record ActiveSession(
    Session session, Operator operator, boolean mustChangePassword, Optional<Locale> language) {
  public ActiveSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(language, "language");
  }

  /** A session whose operator has chosen no language. */
  public ActiveSession(Session session, Operator operator, boolean mustChangePassword) {
    this(session, operator, mustChangePassword, Optional.empty());
  }
}
