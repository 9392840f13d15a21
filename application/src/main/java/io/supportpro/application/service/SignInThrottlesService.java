package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ManageSignInThrottlesUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
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
  private final ThrottlePolicy policy;
  private final AuditLog audit;
  private final Clock clock;

  public SignInThrottlesService(
      FailedAttempts attempts, ThrottlePolicy policy, AuditLog audit, Clock clock) {
    this.attempts = requireNonNull(attempts, "attempts");
    this.policy = requireNonNull(policy, "policy");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Page<ThrottleState> list(PageRequest page) {
    Instant now = clock.now();
    // A lock that has run out is history, not a lock: show it as none.
    return attempts
        .list(policy.forgetBefore(now), page)
        .map(
            state ->
                state.lockedAt(now)
                    ? state
                    : new ThrottleState(
                        state.key(), state.failures(), state.lastFailureAt(), Optional.empty()));
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
