package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.DeactivateOperatorUseCase;
import io.supportpro.application.port.in.OperatorChangeResult;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.application.port.in.OperatorField;
import io.supportpro.application.port.in.ReactivateOperatorUseCase;
import io.supportpro.application.port.in.UpdateOperatorCommand;
import io.supportpro.application.port.in.UpdateOperatorUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes existing operators: their profile and role, and whether they may sign in. It never leaves
 * the panel without an active administrator.
 */
public final class ChangeOperatorService
    implements UpdateOperatorUseCase, DeactivateOperatorUseCase, ReactivateOperatorUseCase {
  private final OperatorRepository operators;
  private final AuditLog audit;
  private final Clock clock;

  public ChangeOperatorService(OperatorRepository operators, AuditLog audit, Clock clock) {
    this.operators = requireNonNull(operators, "operators");
    this.audit = requireNonNull(audit, "audit");
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
    return change(
        command.actor(),
        command.operator(),
        AuditEventType.OPERATOR_UPDATED,
        current -> current.withProfile(email, displayName, role));
  }

  @Override
  public OperatorChangeResult deactivate(OperatorCommand command) {
    return change(
        command.actor(),
        command.operator(),
        AuditEventType.OPERATOR_DEACTIVATED,
        current -> current.withActive(false));
  }

  @Override
  public OperatorChangeResult reactivate(OperatorCommand command) {
    return change(
        command.actor(),
        command.operator(),
        AuditEventType.OPERATOR_REACTIVATED,
        current -> current.withActive(true));
  }

  private OperatorChangeResult change(
      Actor actor, OperatorId id, AuditEventType type, UnaryOperator<Operator> edit) {
    Optional<Operator> found = operators.findById(id);
    if (found.isEmpty()) {
      return new OperatorChangeResult.NotFound();
    }
    Operator before = found.get();
    Operator after = edit.apply(before);
    if (before.isActiveAdministrator()
        && !after.isActiveAdministrator()
        && operators.countActiveAdministrators() <= 1) {
      return new OperatorChangeResult.LastAdministrator();
    }
    return switch (operators.update(after)) {
      case UPDATED -> {
        audit.append(
            new AuditEvent(clock.now(), type, actor, id.toString(), differences(before, after)));
        yield new OperatorChangeResult.Changed(after);
      }
      case EMAIL_TAKEN ->
          new OperatorChangeResult.Invalid(
              Map.of(OperatorField.EMAIL, CreateOperatorService.EMAIL_TAKEN));
      case NOT_FOUND -> new OperatorChangeResult.NotFound();
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
