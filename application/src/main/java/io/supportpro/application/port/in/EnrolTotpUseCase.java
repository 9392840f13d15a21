package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;
import java.util.Optional;

/** Adds an authenticator app to an operator's account. */
public interface EnrolTotpUseCase {
  /**
   * The setup the session's operator has begun and not yet confirmed; empty when there is none, the
   * session cannot enrol or the operator is already enrolled. Changes nothing.
   */
  Optional<TotpSetup> pending(SessionToken token);

  /**
   * Begins a setup with a new secret, replacing one not yet confirmed; empty when the session
   * cannot enrol or the operator is already enrolled.
   */
  Optional<TotpSetup> begin(SessionToken token);

  /**
   * Confirms the pending setup with a code from the app; the result carries the first recovery
   * codes. A session that had to enrol before anything else is then signed in under a new token.
   */
  CodeResult confirm(CodeCommand command);
}
