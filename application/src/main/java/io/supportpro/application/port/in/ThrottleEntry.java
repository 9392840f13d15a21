package io.supportpro.application.port.in;

import io.supportpro.domain.throttle.ThrottleState;
import java.util.Objects;
import java.util.Optional;

/**
 * A key with recent failures as administrators see it: its state, and the operator's username when
 * the key counts the attempts of an existing operator.
 */
public record ThrottleEntry(ThrottleState state, Optional<String> username) {
  public ThrottleEntry {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(username, "username");
  }
}
