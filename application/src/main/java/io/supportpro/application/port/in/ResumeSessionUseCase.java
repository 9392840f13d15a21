package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;
import java.util.Optional;

/** Finds the session a request belongs to. */
public interface ResumeSessionUseCase {
  /**
   * The live session of the token, with its operator; empty (and the session ended) when it has
   * timed out or its operator is gone or deactivated.
   */
  Optional<ActiveSession> resume(SessionToken token);
}
