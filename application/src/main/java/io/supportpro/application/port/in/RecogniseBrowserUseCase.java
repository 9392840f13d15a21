package io.supportpro.application.port.in;

import io.supportpro.domain.session.Session;
import java.util.Optional;

/**
 * Once a session is fully signed in, knows its browser by a long-lived random cookie, and tells the
 * operator by e-mail when the browser was not seen before for them.
 */
public interface RecogniseBrowserUseCase {
  /**
   * For a session that a sign-in has just answered with, if it is signed in: remembers the browser
   * whose cookie value was sent (a new value when none of the right shape was), and answers the
   * value the browser is to keep; empty while the session is not signed in, when nothing is
   * remembered.
   */
  Optional<String> recognise(Session session, Optional<String> browserCookie);
}
