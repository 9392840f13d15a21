package io.supportpro.application.testing;

import io.supportpro.application.port.out.KnownBrowsers;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Known browsers in a map, one lock for all. */
public final class InMemoryKnownBrowsers implements KnownBrowsers {
  private record Key(OperatorId operator, String browserHash) {}

  private final Map<Key, Instant> lastSeen = new HashMap<>();

  @Override
  public synchronized boolean remember(
      OperatorId operator, String browserHash, Instant now, int keep) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(browserHash, "browserHash");
    Objects.requireNonNull(now, "now");
    boolean added = lastSeen.put(new Key(operator, browserHash), now) == null;
    var ofOperator =
        lastSeen.entrySet().stream()
            .filter(e -> e.getKey().operator().equals(operator))
            .sorted(Map.Entry.<Key, Instant>comparingByValue(Comparator.reverseOrder()))
            .map(Map.Entry::getKey)
            .toList();
    ofOperator.stream().skip(keep).forEach(lastSeen::remove);
    return added;
  }

  @Override
  public void rememberNew(OperatorId operator, String browserHash, Instant now, int keep) {
    if (!remember(operator, browserHash, now, keep)) {
      throw new IllegalStateException("A new browser was known already.");
    }
  }

  @Override
  public synchronized int forgetUnseenSince(Instant cutoff) {
    int before = lastSeen.size();
    lastSeen.values().removeIf(seen -> seen.isBefore(cutoff));
    return before - lastSeen.size();
  }
}
