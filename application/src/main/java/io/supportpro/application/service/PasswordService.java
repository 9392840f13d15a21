package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ChangePasswordCommand;
import io.supportpro.application.port.in.ChangePasswordResult;
import io.supportpro.application.port.in.ChangePasswordUseCase;
import io.supportpro.application.port.in.PasswordField;
import io.supportpro.application.port.in.ResetPasswordCommand;
import io.supportpro.application.port.in.ResetPasswordResult;
import io.supportpro.application.port.in.ResetPasswordUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.port.out.PasswordResetLinks;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.Problem;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes an operator's own password and resets another's, with the policy of new operators; both
 * end the sessions that knew the old password, and the password reset links sent before.
 */
public final class PasswordService implements ChangePasswordUseCase, ResetPasswordUseCase {
  static final Problem WRONG_CURRENT =
      Problem.of(Problem.Code.PASSWORD_NOT_CURRENT, "That is not your current password.");
  static final Problem NOT_REPEATED =
      Problem.of(Problem.Code.PASSWORD_NOT_REPEATED, "The two new passwords differ.");
  static final Problem UNCHANGED =
      Problem.of(Problem.Code.PASSWORD_UNCHANGED, "Choose a password other than your current one.");

  private final OperatorRepository operators;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final SessionStore sessions;
  private final PasswordResetLinks resetLinks;
  private final Throttle throttle;
  private final AuditLog audit;
  private final AccountNotices notices;
  private final Clock clock;

  public PasswordService(
      OperatorRepository operators,
      PasswordHasher hasher,
      PasswordPolicy policy,
      SessionStore sessions,
      PasswordResetLinks resetLinks,
      FailedAttempts failedAttempts,
      ThrottlePolicy throttlePolicy,
      AuditLog audit,
      Mailer mailer,
      Clock clock) {
    this.operators = requireNonNull(operators, "operators");
    this.hasher = requireNonNull(hasher, "hasher");
    this.policy = requireNonNull(policy, "policy");
    this.sessions = requireNonNull(sessions, "sessions");
    this.resetLinks = requireNonNull(resetLinks, "resetLinks");
    this.throttle =
        new Throttle(
            requireNonNull(failedAttempts, "failedAttempts"),
            requireNonNull(throttlePolicy, "throttlePolicy"));
    this.audit = requireNonNull(audit, "audit");
    this.notices = new AccountNotices(mailer, AccountNotices.languagesOf(operators));
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public ChangePasswordResult change(ChangePasswordCommand command) {
    Optional<Session> session = sessions.find(command.token().key()).filter(Session::signedIn);
    Optional<OperatorAccount> found =
        session
            .flatMap(s -> operators.findAccount(s.operator()))
            .filter(a -> a.operator().active());
    // A reset ends the sessions before it sets its password, so a session still there after the
    // account was read was not ended by a reset that the account does not show yet.
    if (found.isEmpty() || sessions.find(command.token().key()).isEmpty()) {
      return new ChangePasswordResult.NotSignedIn();
    }
    OperatorAccount account = found.get();
    Operator operator = account.operator();
    var actor = Actor.operator(operator.id(), operator.username().value(), command.clientAddress());
    // The new password is judged first: a form with a weak one costs no hash and no guess.
    Map<PasswordField, Problem> problems = new EnumMap<>(PasswordField.class);
    policy
        .problem(command.chosen(), operator.username())
        .ifPresent(problem -> problems.put(PasswordField.CHOSEN, problem));
    if (!command.chosen().value().equals(command.repeated().value())) {
      problems.put(PasswordField.REPEATED, NOT_REPEATED);
    }
    if (!problems.isEmpty()) {
      return new ChangePasswordResult.Invalid(problems);
    }
    Instant now = clock.now();
    if (account.mustChangePassword()) {
      // The operator has just signed in with the temporary password, so it is not asked again;
      // it only must not be kept.
      if (hasher.matches(command.chosen(), account.passwordHash())) {
        return new ChangePasswordResult.Invalid(Map.of(PasswordField.CHOSEN, UNCHANGED));
      }
    } else {
      Optional<ChangePasswordResult> refused = checkCurrent(command, account, actor, now);
      if (refused.isPresent()) {
        return refused.get();
      }
      if (command.chosen().value().equals(command.current().value())) {
        return new ChangePasswordResult.Invalid(Map.of(PasswordField.CHOSEN, UNCHANGED));
      }
    }
    // Written only over the hash just checked: a reset meanwhile ended this session and wins.
    if (!operators.changePasswordHash(
        operator.id(), account.passwordHash(), hasher.hash(command.chosen()), false)) {
      return new ChangePasswordResult.NotSignedIn();
    }
    int ended = sessions.deleteAllOfExcept(operator.id(), session.get().key());
    resetLinks.deleteAllOf(operator.id());
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.PASSWORD_CHANGED,
            actor,
            operator.id().toString(),
            Map.of(
                "after_reset", Boolean.toString(account.mustChangePassword()),
                "ended_sessions", Integer.toString(ended))));
    return new ChangePasswordResult.Changed(
        ended, notices.passwordChanged(operator, now, actor, session.get().client()));
  }

  /** Counts the current password like a sign-in guess; a refusal when it is wrong or locked. */
  private Optional<ChangePasswordResult> checkCurrent(
      ChangePasswordCommand command, OperatorAccount account, Actor actor, Instant now) {
    String subject = account.operator().id().toString();
    List<ThrottleKey> keys =
        List.of(ThrottleKey.account(subject), ThrottleKey.address(command.clientAddress()));
    Throttle.Attempt.Granted attempt;
    switch (throttle.reserve(keys, now)) {
      case Throttle.Attempt.Refused refused -> {
        audit.appendOrCount(
            new AuditEvent(now, AuditEventType.SIGN_IN_THROTTLED, actor, subject, Map.of()),
            refused.repeats());
        return Optional.of(new ChangePasswordResult.Throttled(refused.retryAfter()));
      }
      case Throttle.Attempt.Granted granted -> attempt = granted;
    }
    // No stored password is this long; refuse it without hashing megabytes.
    boolean matches =
        command.current().value().length() <= Password.MAX_LENGTH
            && hasher.matches(command.current(), account.passwordHash());
    if (!matches) {
      audit.append(
          new AuditEvent(
              now,
              AuditEventType.PASSWORD_CHANGE_FAILED,
              actor,
              subject,
              Map.of("reason", "wrong current password")));
      if (attempt.locked(now)) {
        audit.append(
            new AuditEvent(now, AuditEventType.SIGN_IN_THROTTLED, actor, subject, Map.of()));
      }
      return Optional.of(
          new ChangePasswordResult.Invalid(Map.of(PasswordField.CURRENT, WRONG_CURRENT)));
    }
    return throttle
        .passed(attempt, now)
        .map(locked -> new ChangePasswordResult.Throttled(locked.retryAfter()));
  }

  @Override
  public ResetPasswordResult reset(ResetPasswordCommand command) {
    Optional<OperatorAccount> account = operators.findAccount(command.operator());
    if (account.isEmpty()) {
      return new ResetPasswordResult.NotFound();
    }
    Operator operator = account.get().operator();
    if (command.chosen().isPresent()) {
      Optional<Problem> problem = policy.problem(command.chosen().get(), operator.username());
      if (problem.isPresent()) {
        return new ResetPasswordResult.Invalid(problem.get());
      }
    }
    boolean temporary = command.chosen().isEmpty();
    Password password = command.chosen().orElseGet(Password::temporary);
    PasswordHash hash = hasher.hash(password);
    // Whoever knew the old password is signed out: first, so that a password change from one of
    // those sessions cannot slip in after the reset (see change); again after, for a sign-in with
    // the old password that was checked just before the new one was set.
    int ended = sessions.deleteAllOf(operator.id());
    if (!operators.setPassword(operator.id(), hash, temporary)) {
      return new ResetPasswordResult.NotFound();
    }
    ended += sessions.deleteAllOf(operator.id());
    resetLinks.deleteAllOf(operator.id());
    Instant now = clock.now();
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.PASSWORD_RESET,
            command.actor(),
            operator.id().toString(),
            Map.of(
                "username", operator.username().value(),
                "temporary", Boolean.toString(temporary),
                "ended_sessions", Integer.toString(ended))));
    return new ResetPasswordResult.Reset(
        operator,
        temporary ? Optional.of(password) : Optional.empty(),
        notices.passwordChanged(operator, now, command.actor(), SessionClient.UNKNOWN));
  }
}
