package io.supportpro.application.testing;

import io.supportpro.application.port.out.PendingSignIn;
import io.supportpro.application.port.out.PendingSignIns;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Pending sign-ins kept in memory, for tests of the core. What a database does with foreign keys
 * (forget a sign-in whose plugin or session is gone) is left to a check the test supplies.
 */
public final class InMemoryPendingSignIns implements PendingSignIns {
  private final Map<String, PendingSignIn> pending = new HashMap<>();
  private final Map<String, PendingSignIn> taken = new HashMap<>();
  private final Predicate<PendingSignIn> stillBound;

  /** Pending sign-ins that are always accepted. */
  public InMemoryPendingSignIns() {
    this(p -> true);
  }

  /** Pending sign-ins accepted only while {@code stillBound} holds for them. */
  public InMemoryPendingSignIns(Predicate<PendingSignIn> stillBound) {
    this.stillBound = stillBound;
  }

  @Override
  public synchronized boolean create(PendingSignIn signIn) {
    if (!stillBound.test(signIn)) {
      return false;
    }
    pending.put(signIn.stateHash(), signIn);
    return true;
  }

  @Override
  public synchronized Optional<PendingSignIn> take(String stateHash) {
    Optional<PendingSignIn> found =
        Optional.ofNullable(pending.remove(stateHash)).filter(stillBound);
    found.ifPresent(signIn -> taken.put(stateHash, signIn));
    return found;
  }

  @Override
  public synchronized Optional<PendingSignIn> taken(String stateHash) {
    return Optional.ofNullable(taken.get(stateHash)).filter(stillBound);
  }

  @Override
  public synchronized int deleteCreatedBefore(Instant before) {
    // What the foreign keys would already have deleted is not counted.
    pending.values().removeIf(stillBound.negate());
    taken.values().removeIf(stillBound.negate());
    int count = pending.size() + taken.size();
    pending.values().removeIf(p -> p.createdAt().isBefore(before));
    taken.values().removeIf(p -> p.createdAt().isBefore(before));
    return count - pending.size() - taken.size();
  }

  /** How many sign-ins are pending and not yet taken. */
  public synchronized int size() {
    return pending.size();
  }
}
