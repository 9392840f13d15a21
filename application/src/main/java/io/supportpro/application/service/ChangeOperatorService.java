package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.DeactivateOperatorUseCase;
import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.OperatorChangeResult;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.application.port.in.OperatorField;
import io.supportpro.application.port.in.ReactivateOperatorUseCase;
import io.supportpro.application.port.in.ResetTwoFactorUseCase;
import io.supportpro.application.port.in.TwoFactorResetResult;
import io.supportpro.application.port.in.UpdateOperatorCommand;
import io.supportpro.application.port.in.UpdateOperatorUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.OperatorRepository.UpdateOutcome;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.session.SessionClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Changes existing operators: their profile and role, whether they may sign in, and their
 * two-factor enrolment. It never leaves the panel without an active administrator, and a
 * deactivated operator or one whose 2FA is reset loses every session at once.
 */
public final class ChangeOperatorService
    implements UpdateOperatorUseCase,
        DeactivateOperatorUseCase,
        ReactivateOperatorUseCase,
        ResetTwoFactorUseCase {
  private final OperatorRepository operators;
  private final SessionStore sessions;
  private final TotpCredentials totp;
  private final AuditLog audit;
  private final AccountNotices notices;
  private final Clock clock;

  public ChangeOperatorService(
      OperatorRepository operators,
      SessionStore sessions,
      TotpCredentials totp,
      AuditLog audit,
      Mailer mailer,
      Clock clock) {
    this.operators = requireNonNull(operators, "operators");
    this.sessions = requireNonNull(sessions, "sessions");
    this.totp = requireNonNull(totp, "totp");
    this.audit = requireNonNull(audit, "audit");
    this.notices = new AccountNotices(mailer, AccountNotices.languagesOf(operators));
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public OperatorChangeResult update(UpdateOperatorCommand command) {
    var fields = new OperatorFields();
    EmailAddress email = fields.parse(OperatorField.EMAIL, command.email(), EmailAddress::new);
    DisplayName displayName =
        fields.parse(OperatorField.DISPLAY_NAME, command.displayName(), DisplayName::new);
    Role role = fields.parse(OperatorField.ROLE, command.role(), Role::parse);
    if (!fields.valid()) {
      return new OperatorChangeResult.Invalid(fields.problems());
    }
    Optional<Operator> seen = operators.findById(command.operator());
    if (seen.isEmpty()) {
      return new OperatorChangeResult.NotFound();
    }
    // Only what the administrator alters is written: a column another administrator changed since
    // it was read here (the role, say) keeps their value, and the active flag is never touched.
    return change(
        command.actor(),
        command.operator(),
        AuditEventType.OPERATOR_UPDATED,
        OperatorChanges.between(seen.get(), seen.get().withProfile(email, displayName, role)));
  }

  @Override
  public OperatorChangeResult deactivate(OperatorCommand command) {
    OperatorChangeResult result =
        change(
            command.actor(),
            command.operator(),
            AuditEventType.OPERATOR_DEACTIVATED,
            OperatorChanges.active(false));
    if (result instanceof OperatorChangeResult.Changed) {
      sessions.deleteAllOf(command.operator());
    }
    return result;
  }

  @Override
  public OperatorChangeResult reactivate(OperatorCommand command) {
    return change(
        command.actor(),
        command.operator(),
        AuditEventType.OPERATOR_REACTIVATED,
        OperatorChanges.active(true));
  }

  @Override
  public TwoFactorResetResult reset(OperatorCommand command) {
    Optional<Operator> operator = operators.findById(command.operator());
    if (operator.isEmpty()) {
      return new TwoFactorResetResult.NotFound();
    }
    // The delete decides, not an earlier look: of two resets at once, only one finds an enrolment,
    // and the other ends no sessions and audits nothing.
    boolean hadTotp = totp.delete(command.operator());
    if (!hadTotp) {
      return new TwoFactorResetResult.NothingToReset(operator.get());
    }
    int endedSessions = sessions.deleteAllOf(command.operator());
    Instant now = clock.now();
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.TWO_FACTOR_RESET,
            command.actor(),
            command.operator().toString(),
            Map.of(
                "username", operator.get().username().value(),
                "had_authenticator", Boolean.toString(hadTotp),
                "ended_sessions", Integer.toString(endedSessions))));
    return new TwoFactorResetResult.Reset(
        operator.get(),
        notices.secondFactorChanged(
            operator.get(),
            AccountNotices.SecondFactorChange.RESET,
            now,
            command.actor(),
            SessionClient.UNKNOWN));
  }

  /**
   * Writes the changes and audits what they changed, compared with the row they were written on.
   */
  private OperatorChangeResult change(
      Actor actor, OperatorId id, AuditEventType type, OperatorChanges changes) {
    return switch (operators.update(id, changes)) {
      case UpdateOutcome.Updated updated -> {
        Instant now = clock.now();
        audit.append(
            new AuditEvent(
                now, type, actor, id.toString(), differences(updated.before(), updated.after())));
        yield new OperatorChangeResult.Changed(
            updated.after(),
            updated.before().email().equals(updated.after().email())
                ? NoticeEmail.NONE
                : notices.emailChanged(updated.before(), updated.after(), now, actor));
      }
      case UpdateOutcome.EmailTaken taken ->
          new OperatorChangeResult.Invalid(
              Map.of(OperatorField.EMAIL, CreateOperatorService.EMAIL_TAKEN));
      case UpdateOutcome.NotFound notFound -> new OperatorChangeResult.NotFound();
      case UpdateOutcome.LastAdministrator last -> new OperatorChangeResult.LastAdministrator();
    };
  }

  private static Map<String, String> differences(Operator before, Operator after) {
    Map<String, String> changed = new LinkedHashMap<>();
    changed.put("username", after.username().value());
    if (!before.email().equals(after.email())) {
      changed.put("email", before.email() + " -> " + after.email());
    }
    if (!before.displayName().equals(after.displayName())) {
      changed.put("display_name", before.displayName() + " -> " + after.displayName());
    }
    if (before.role() != after.role()) {
      changed.put("role", before.role() + " -> " + after.role());
    }
    if (before.active() != after.active()) {
      changed.put("active", before.active() + " -> " + after.active());
    }
    return changed;
  }
}
