package io.supportpro.application.testing;

import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions kept in memory, for tests of the core. */
public final class InMemorySessionStore implements SessionStore {
  private final Map<SessionKey, Session> sessions = new HashMap<>();

  @Override
  public synchronized void create(Session session) {
    sessions.put(session.key(), session);
  }

  @Override
  public synchronized Optional<Session> find(SessionKey key) {
    return Optional.ofNullable(sessions.get(key));
  }

  @Override
  public synchronized boolean replace(SessionKey old, Session next) {
    if (sessions.remove(old) == null) {
      return false;
    }
    sessions.put(next.key(), next);
    return true;
  }

  @Override
  public synchronized List<Session> listOf(OperatorId operator) {
    return sessions.values().stream()
        .filter(s -> s.operator().equals(operator))
        .sorted(Comparator.comparing(Session::createdAt))
        .toList();
  }

  @Override
  public synchronized void touch(SessionKey key, Instant at) {
    sessions.computeIfPresent(key, (k, s) -> s.seenAt(at));
  }

  @Override
  public synchronized boolean delete(SessionKey key) {
    return sessions.remove(key) != null;
  }

  @Override
  public synchronized int deleteAllOf(OperatorId operator) {
    int before = sessions.size();
    sessions.values().removeIf(s -> s.operator().equals(operator));
    return before - sessions.size();
  }

  @Override
  public synchronized int deleteAllOfExcept(OperatorId operator, SessionKey kept) {
    if (!sessions.containsKey(kept)) {
      return 0;
    }
    int before = sessions.size();
    sessions.values().removeIf(s -> s.operator().equals(operator) && !s.key().equals(kept));
    return before - sessions.size();
  }

  @Override
  public synchronized int deleteExpired(Instant createdBefore, Instant lastSeenBefore) {
    int before = sessions.size();
    sessions
        .values()
        .removeIf(
            s -> s.createdAt().isBefore(createdBefore) || s.lastSeenAt().isBefore(lastSeenBefore));
    return before - sessions.size();
  }

  /** How many sessions are stored. */
  public synchronized int size() {
    return sessions.size();
  }
}
