package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.throttle.ThrottleKey;

/** Shows administrators the accounts and addresses with recent failed attempts, and clears them. */
public interface ManageSignInThrottlesUseCase {
  /**
   * Keys with failures inside the throttle window, the most recent first, with the username of the
   * operator they count; a key shows a lock only while it lasts.
   */
  Page<ThrottleEntry> list(PageRequest page);

  /** Forgets the failures of one key, so that it can try again at once, audited. */
  void clear(Actor actor, ThrottleKey key);
}
