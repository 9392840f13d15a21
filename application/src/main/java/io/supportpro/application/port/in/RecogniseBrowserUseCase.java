package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;
import java.util.Optional;

/**
 * Once a session is fully signed in, knows its browser by a long-lived random cookie, and tells the
 * operator by e-mail when the browser was not seen before for them.
 */
public interface RecogniseBrowserUseCase {
  /**
   * For the session of {@code token}, if it is signed in: remembers the browser whose cookie value
   * was sent (a new value when none of the right shape was), and answers the value the browser is
   * to keep; empty while the session is not signed in, when nothing is remembered.
   */
  Optional<String> recognise(SessionToken token, Optional<String> browserCookie);
}
