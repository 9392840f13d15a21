package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Username;
import java.util.Objects;

/** Whether a password reset link may still be used. */
public sealed interface ResetLinkStatus {
  /** It may: it sets the password of the operator with this username. */
  record Usable(Username username) implements ResetLinkStatus {
    public Usable {
      Objects.requireNonNull(username, "username");
    }
  }

  /** Unknown, malformed, expired, already used, or its operator's password changed since. */
  record Unusable() implements ResetLinkStatus {}
}
