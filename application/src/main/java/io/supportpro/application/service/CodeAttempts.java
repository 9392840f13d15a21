package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Throttles codes typed by a signed-in or half-signed-in operator, whatever they confirm: a sign-in
 * step, an enrolment, turning the app off, new recovery codes.
 */
final class CodeAttempts {
  private final Throttle throttle;
  private final AuditLog audit;
  private final Clock clock;

  CodeAttempts(
      FailedAttempts failedAttempts, ThrottlePolicy throttlePolicy, AuditLog audit, Clock clock) {
    this.throttle =
        new Throttle(
            requireNonNull(failedAttempts, "failedAttempts"),
            requireNonNull(throttlePolicy, "throttlePolicy"));
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  /** What checking a code found: the answer to give, or what to do once the code is let through. */
  sealed interface Checked {
    /**
     * The answer instead of letting the code through; a {@link CodeResult.Rejected} is a failure,
     * audited with {@code detail}: what the method said of it, never a code.
     */
    record Answer(CodeResult result, String detail) implements Checked {
      /** An answer that the method said nothing more about. */
      Answer(CodeResult result) {
        this(result, "");
      }
    }

    /** The code was right (and is used up). */
    record Right(Supplier<CodeResult> then) implements Checked {}

    /**
     * What a method's check found: the action to do once a passed code is let through, or the
     * answer for a refused code (a failure) or an unavailable method (not one).
     */
    static Checked of(StepOutcome.Checked outcome, Function<StepOutcome.Passed, CodeResult> then) {
      return switch (outcome) {
        case StepOutcome.Passed passed -> new Right(() -> then.apply(passed));
        case StepOutcome.Refused refused ->
            new Answer(
                new CodeResult.Rejected(refused.message()),
                refused.reason() + (refused.detail().isEmpty() ? "" : ": " + refused.detail()));
        case StepOutcome.Unavailable unavailable ->
            new Answer(new CodeResult.Unavailable(unavailable.message()));
      };
    }
  }

  /**
   * Counts the code against the operator and the address before it is checked, refusing it
   * unchecked while either is locked, so that codes sent together are never checked past the
   * allowance; a wrong code stays counted, while a right one forgets the operator's failures it saw
   * and is refused after all if failures counted meanwhile locked the operator. A code that could
   * not be checked after all (its method was unavailable) is taken back and forgets nothing.
   */
  CodeResult attempt(
      ActiveSession active,
      String clientAddress,
      SecondFactor factor,
      Function<Instant, Checked> check) {
    Instant now = clock.now();
    Actor actor = SignInCompletion.actor(active.operator(), clientAddress);
    List<ThrottleKey> keys =
        List.of(
            ThrottleKey.secondFactor(active.operator().id().toString()),
            ThrottleKey.address(clientAddress));
    Throttle.Attempt.Granted attempt;
    switch (throttle.reserve(keys, now)) {
      case Throttle.Attempt.Refused refused -> {
        return refused(actor, now, refused);
      }
      case Throttle.Attempt.Granted granted -> attempt = granted;
    }
    return switch (check.apply(now)) {
      case Checked.Answer(CodeResult.Rejected rejected, String detail) -> {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("factor", factor.auditName());
        details.put("reason", rejected.message());
        if (!detail.isEmpty()) {
          details.put("detail", detail);
        }
        record(now, AuditEventType.SECOND_FACTOR_FAILED, actor, details);
        if (attempt.locked(now)) {
          record(now, AuditEventType.SECOND_FACTOR_THROTTLED, actor, Map.of());
        }
        yield rejected;
      }
      case Checked.Answer unchecked -> {
        // Neither wrong nor right: forgetting the failures before it would reset the allowance
        // whenever the method cannot be asked.
        throttle.takeBack(attempt);
        yield unchecked.result();
      }
      case Checked.Right right -> {
        // Wrong codes of others, counted while this one was checked, may have locked the operator.
        Optional<Throttle.Attempt.Refused> lockedMeanwhile = throttle.passed(attempt, now);
        yield lockedMeanwhile.isPresent()
            ? refused(actor, now, lockedMeanwhile.get())
            : right.then().get();
      }
    };
  }

  /**
   * Refuses a code that a lock stops: counted in one audit entry per locked key and window, not a
   * row each.
   */
  private CodeResult refused(Actor actor, Instant now, Throttle.Attempt.Refused refused) {
    audit.appendOrCount(
        new AuditEvent(
            now,
            AuditEventType.SECOND_FACTOR_THROTTLED,
            actor,
            actor.operator().orElseThrow().toString(),
            Map.of()),
        refused.repeats());
    return new CodeResult.Throttled(refused.retryAfter());
  }

  private void record(Instant now, AuditEventType type, Actor actor, Map<String, String> details) {
    audit.append(
        new AuditEvent(now, type, actor, actor.operator().orElseThrow().toString(), details));
  }
}
