package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ManageSignInThrottlesUseCase;
import io.supportpro.application.port.in.ThrottleEntry;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Lets administrators see and clear the failure counts behind sign-in throttling. */
public final class SignInThrottlesService implements ManageSignInThrottlesUseCase {
  private final FailedAttempts attempts;
  private final OperatorRepository operators;
  private final ThrottlePolicy policy;
  private final AuditLog audit;
  private final Clock clock;

  public SignInThrottlesService(
      FailedAttempts attempts,
      OperatorRepository operators,
      ThrottlePolicy policy,
      AuditLog audit,
      Clock clock) {
    this.attempts = requireNonNull(attempts, "attempts");
    this.operators = requireNonNull(operators, "operators");
    this.policy = requireNonNull(policy, "policy");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Page<ThrottleEntry> list(PageRequest page) {
    Instant now = clock.now();
    // A lock that has run out is history, not a lock: show it as none.
    return attempts
        .list(policy.forgetBefore(now), page)
        .map(
            state ->
                new ThrottleEntry(
                    state.lockedAt(now)
                        ? state
                        : new ThrottleState(
                            state.key(), state.failures(), state.lastFailureAt(), Optional.empty()),
                    username(state.key())));
  }

  /** The username of the operator whose attempts the key counts, if it counts an operator's. */
  private Optional<String> username(ThrottleKey key) {
    if (key.kind() == ThrottleKey.Kind.ADDRESS) {
      return Optional.empty();
    }
    OperatorId id;
    try {
      id = OperatorId.parse(key.value());
    } catch (IllegalArgumentException e) {
      // An unknown name, counted as it was typed.
      return Optional.empty();
    }
    return operators.findById(id).map(Operator::username).map(username -> username.value());
  }

  @Override
  public void clear(Actor actor, ThrottleKey key) {
    attempts.clear(key);
    audit.append(
        new AuditEvent(
            clock.now(),
            AuditEventType.SIGN_IN_THROTTLE_CLEARED,
            actor,
            key.value(),
            Map.of("kind", key.kind().name().toLowerCase(Locale.ROOT))));
  }
}
