package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;
import java.util.Optional;

/** Adds an authenticator app to an operator's account. */
public interface EnrolTotpUseCase {
  /**
   * The setup this session has begun and not yet confirmed, for 10 minutes; empty when there is
   * none (a setup begun by another session is never shown), the session cannot enrol or the
   * operator is already enrolled. Changes nothing.
   */
  Optional<TotpSetup> pending(SessionToken token);

  /**
   * Begins a setup with a new secret that only this session sees and may confirm, replacing one not
   * yet confirmed (whichever session began it), audited with the client's address; empty when the
   * session cannot enrol or the operator is already enrolled.
   */
  Optional<TotpSetup> begin(SessionToken token, String clientAddress);

  /**
   * Confirms the setup this session began with a code from the app and ends every other session of
   * the operator; the result carries the first recovery codes. A session that had to enrol before
   * anything else is then signed in under a new token.
   */
  CodeResult confirm(CodeCommand command);
}
