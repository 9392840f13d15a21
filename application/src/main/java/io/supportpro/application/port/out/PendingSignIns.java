package io.supportpro.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Sign-ins waiting for the browser to come back from an external second factor, stored server-side
 * so that any instance can take the callback. Each belongs to its plugin and to its session:
 * uninstalling the plugin or ending the session removes it.
 */
public interface PendingSignIns {
  /**
   * Stores a pending sign-in and tells whether it did: not when its plugin is no longer installed
   * or its session has ended.
   */
  boolean create(PendingSignIn pending);

  /**
   * Marks the pending sign-in with this state hash as taken and returns it, atomically: of two
   * requests with the same state, only one gets it. A taken sign-in is kept, for {@link #taken},
   * until its session ends or it is swept as old.
   */
  Optional<PendingSignIn> take(String stateHash);

  /**
   * The pending sign-in with this state hash that a request has already taken, while its session
   * lasts: what a second arrival of the same callback belongs to.
   */
  Optional<PendingSignIn> taken(String stateHash);

  /** Deletes pending sign-ins begun before the instant, and tells how many. */
  int deleteCreatedBefore(Instant before);
}
