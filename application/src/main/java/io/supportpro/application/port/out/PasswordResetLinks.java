package io.supportpro.application.port.out;

import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.util.Optional;

/**
 * The links sent to operators to choose a new password, kept by the SHA-256 of their token so that
 * the store cannot be used to reset anyone's password. An operator has at most one: a new link
 * replaces the others, and deleting the operator deletes theirs.
 */
public interface PasswordResetLinks {
  /**
   * Stores a new, unused link in place of every other link of its operator, atomically; false when
   * the operator no longer exists.
   */
  boolean replace(PasswordResetLink link);

  /** The link with this token hash, used or not, expired or not, until it is deleted. */
  Optional<PasswordResetLink> find(String tokenHash);

  /**
   * Marks the link with this token hash used at {@code now} and returns it as it was, only if it is
   * unused and not expired at {@code now}, atomically: of two requests with the same token, only
   * one gets it.
   */
  Optional<PasswordResetLink> use(String tokenHash, Instant now);

  /** Deletes every link of the operator (their password changed), and tells how many. */
  int deleteAllOf(OperatorId operator);

  /** Deletes the links that expired before the instant, used or not, and tells how many. */
  int deleteExpiredBefore(Instant before);
}
