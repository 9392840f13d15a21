package io.supportpro.application.port.out;

import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Counts failed sign-in and second-factor attempts per key, shared by every instance, so that
 * throttling holds however requests are spread.
 */
public interface FailedAttempts {
  /** The counted failures of those keys that have any. */
  List<ThrottleState> find(Collection<ThrottleKey> keys);

  /**
   * Counts one more failure at {@code now}, atomically; a count whose last failure is before {@code
   * forgetBefore} starts again at one. Returns the new count.
   */
  int recordFailure(ThrottleKey key, Instant now, Instant forgetBefore);

  /**
   * Replaces the states of the keys with what {@code change} makes of them (empty: no state), as
   * one step that no other change of any of these keys interleaves with, and returns the states it
   * replaced. Each list holds one state per key, in the order of the keys, which are distinct. The
   * change must be a pure function of the states it is given: it may be applied again.
   */
  List<Optional<ThrottleState>> update(
      List<ThrottleKey> keys, UnaryOperator<List<Optional<ThrottleState>>> change);

  /** Locks the key until the given instant. */
  void lockUntil(ThrottleKey key, Instant until);

  /** Forgets the failures of a key. */
  void clear(ThrottleKey key);

  /** Keys with a failure at or after {@code since}, the most recent first. */
  Page<ThrottleState> list(Instant since, PageRequest page);

  /** Forgets keys whose last failure is before the instant and that are not locked then. */
  int deleteStale(Instant before);
}
