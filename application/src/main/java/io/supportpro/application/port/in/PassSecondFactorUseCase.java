package io.supportpro.application.port.in;

import io.supportpro.domain.secondfactor.CodeField;
import io.supportpro.domain.session.SessionToken;
import java.util.Optional;

/**
 * Completes a sign-in with a code typed on the panel's page: an authenticator-app code or a
 * recovery code, or the code of a plugin's method.
 */
public interface PassSecondFactorUseCase {
  /** How the page asks for the code the session awaits; empty when it awaits no code. */
  Optional<CodeField> field(SessionToken token);

  /**
   * Checks the code for a session awaiting its second factor; on success the session is promoted
   * under a new token. Each code works once; wrong codes are throttled.
   */
  CodeResult passSecondFactor(CodeCommand command);
}
