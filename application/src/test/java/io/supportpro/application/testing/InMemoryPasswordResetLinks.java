package io.supportpro.application.testing;

import io.supportpro.application.port.out.PasswordResetLink;
import io.supportpro.application.port.out.PasswordResetLinks;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Password reset links kept in memory, for tests of the core; whether their operator still exists
 * (what the database's foreign key checks) is left to a check the test supplies.
 */
public final class InMemoryPasswordResetLinks implements PasswordResetLinks {
  private final Map<String, PasswordResetLink> links = new HashMap<>();
  private final Predicate<OperatorId> operatorExists;

  /** Links for operators that exist while {@code operatorExists} holds for them. */
  public InMemoryPasswordResetLinks(Predicate<OperatorId> operatorExists) {
    this.operatorExists = operatorExists;
  }

  @Override
  public synchronized boolean replace(PasswordResetLink link) {
    if (!operatorExists.test(link.operator())) {
      return false;
    }
    links.values().removeIf(other -> other.operator().equals(link.operator()));
    links.put(link.tokenHash(), link);
    return true;
  }

  @Override
  public synchronized Optional<PasswordResetLink> find(String tokenHash) {
    return Optional.ofNullable(links.get(tokenHash)).filter(l -> operatorExists.test(l.operator()));
  }

  @Override
  public synchronized Optional<PasswordResetLink> use(String tokenHash, Instant now) {
    Optional<PasswordResetLink> found = find(tokenHash).filter(link -> link.usableAt(now));
    found.ifPresent(
        link ->
            links.put(
                tokenHash,
                new PasswordResetLink(
                    link.tokenHash(),
                    link.operator(),
                    link.createdAt(),
                    link.expiresAt(),
                    Optional.of(now))));
    return found;
  }

  @Override
  public synchronized int deleteAllOf(OperatorId operator) {
    int before = links.size();
    links.values().removeIf(link -> link.operator().equals(operator));
    return before - links.size();
  }

  @Override
  public synchronized int deleteExpiredBefore(Instant before) {
    int count = links.size();
    links.values().removeIf(link -> link.expiresAt().isBefore(before));
    return count - links.size();
  }
}
