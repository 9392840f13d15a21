package io.supportpro.domain.audit;

import io.supportpro.domain.operator.OperatorId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who did something, and from which client address: a signed-in operator, someone who only named an
 * account (a failed sign-in), or the system itself (the command line).
 */
public record Actor(Optional<OperatorId> operator, String name, String clientAddress) {
  public Actor {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clientAddress, "clientAddress");
    name = AuditText.clip(name, 200);
    clientAddress = AuditText.clip(clientAddress, 64);
  }

  /** A signed-in operator. */
  public static Actor operator(OperatorId id, String username, String clientAddress) {
    return new Actor(Optional.of(id), username, clientAddress);
  }

  /** Someone not (yet) signed in, known only by what they typed. */
  public static Actor anonymous(String claimedName, String clientAddress) {
    return new Actor(Optional.empty(), claimedName, clientAddress);
  }

  /** The application itself, for example the command line. */
  public static Actor system(String what) {
    return new Actor(Optional.empty(), what, "local");
  }
}
