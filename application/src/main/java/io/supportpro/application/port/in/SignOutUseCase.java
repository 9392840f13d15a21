package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;

/** Ends a session server-side. */
public interface SignOutUseCase {
  /** Ends the token's session, if it is live, audited. */
  void signOut(SessionToken token, String clientAddress);
}
