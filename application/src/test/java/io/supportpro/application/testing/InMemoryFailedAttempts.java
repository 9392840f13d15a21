package io.supportpro.application.testing;

import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Failure counts kept in memory, for tests of the core. */
public final class InMemoryFailedAttempts implements FailedAttempts {
  private final Map<ThrottleKey, ThrottleState> states = new HashMap<>();

  @Override
  public synchronized List<ThrottleState> find(Collection<ThrottleKey> keys) {
    return keys.stream().map(states::get).filter(s -> s != null).toList();
  }

  @Override
  public synchronized int recordFailure(ThrottleKey key, Instant now, Instant forgetBefore) {
    ThrottleState current = states.get(key);
    int failures =
        current == null || current.lastFailureAt().isBefore(forgetBefore)
            ? 1
            : current.failures() + 1;
    Optional<Instant> lock = current == null ? Optional.empty() : current.lockedUntil();
    states.put(key, new ThrottleState(key, failures, now, lock));
    return failures;
  }

  @Override
  public synchronized List<Optional<ThrottleState>> update(
      List<ThrottleKey> keys, UnaryOperator<List<Optional<ThrottleState>>> change) {
    if (Set.copyOf(keys).size() != keys.size()) {
      throw new IllegalArgumentException("Each key is changed once.");
    }
    List<Optional<ThrottleState>> before =
        keys.stream().map(key -> Optional.ofNullable(states.get(key))).toList();
    List<Optional<ThrottleState>> after = change.apply(before);
    if (after.size() != keys.size()) {
      throw new IllegalArgumentException("A change answers one state per key.");
    }
    for (int i = 0; i < keys.size(); i++) {
      ThrottleKey key = keys.get(i);
      after.get(i).ifPresentOrElse(state -> states.put(key, state), () -> states.remove(key));
    }
    return before;
  }

  @Override
  public synchronized void lockUntil(ThrottleKey key, Instant until) {
    states.computeIfPresent(
        key, (k, s) -> new ThrottleState(k, s.failures(), s.lastFailureAt(), Optional.of(until)));
  }

  @Override
  public synchronized void clear(ThrottleKey key) {
    states.remove(key);
  }

  @Override
  public synchronized Page<ThrottleState> list(Instant since, PageRequest page) {
    List<ThrottleState> recent =
        states.values().stream()
            .filter(s -> !s.lastFailureAt().isBefore(since))
            .sorted(Comparator.comparing(ThrottleState::lastFailureAt).reversed())
            .toList();
    return new Page<>(
        recent.stream().skip(page.offset()).limit(page.size()).toList(), page, recent.size());
  }

  @Override
  public synchronized int deleteStale(Instant before) {
    int count = states.size();
    states.values().removeIf(s -> s.lastFailureAt().isBefore(before) && !s.lockedAt(before));
    return count - states.size();
  }
}
