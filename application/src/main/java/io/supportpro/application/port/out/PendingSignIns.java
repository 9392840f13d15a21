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
   * Removes the pending sign-in with this state hash and returns it, atomically: of two requests
   * with the same state, only one gets it.
   */
  Optional<PendingSignIn> take(String stateHash);

  /** Deletes pending sign-ins begun before the instant, and tells how many. */
  int deleteCreatedBefore(Instant before);
}
