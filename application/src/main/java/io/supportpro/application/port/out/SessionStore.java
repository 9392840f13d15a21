package io.supportpro.application.port.out;

import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps sessions server-side, so that any instance can serve any request of any browser. */
public interface SessionStore {
  /** Stores a new session. */
  void create(Session session);

  /** The session stored under the key. */
  Optional<Session> find(SessionKey key);

  /**
   * Replaces the session stored under {@code old} by {@code next} (which has another key) in one
   * step, and tells whether it did; false when {@code old} no longer exists, for example because a
   * concurrent request already replaced or ended it.
   */
  boolean replace(SessionKey old, Session next);

  /** Every session of an operator, half-signed-in ones included, oldest first. */
  List<Session> listOf(OperatorId operator);

  /** Records that the session was used at {@code at}. */
  void touch(SessionKey key, Instant at);

  /** Ends one session, and tells whether it was there to end. */
  boolean delete(SessionKey key);

  /** Ends every session of an operator and tells how many there were. */
  int deleteAllOf(OperatorId operator);

  /**
   * Ends every session of an operator but the one under {@code kept}, half-signed-in ones included,
   * and tells how many there were; ends none when {@code kept} no longer exists. Of two calls at
   * once for two sessions of one operator, each keeping its own, one wins and its session is left
   * alone: never does each end the other's.
   */
  int deleteAllOfExcept(OperatorId operator, SessionKey kept);

  /**
   * Deletes sessions created before {@code createdBefore} or last used before {@code
   * lastSeenBefore}, and tells how many.
   */
  int deleteExpired(Instant createdBefore, Instant lastSeenBefore);
}
