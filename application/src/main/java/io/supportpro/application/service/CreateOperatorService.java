package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.in.CreateOperatorUseCase;
import io.supportpro.application.port.in.OperatorField;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.domain.Problem;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.operator.Username;
import java.util.Map;
import java.util.Optional;

/** Creates operators, from the administration pages and from the command line. */
public final class CreateOperatorService implements CreateOperatorUseCase {
  static final Problem EMAIL_TAKEN =
      Problem.of(Problem.Code.EMAIL_TAKEN, "That e-mail address is already in use.");
  static final Problem USERNAME_TAKEN =
      Problem.of(Problem.Code.USERNAME_TAKEN, "That username is already taken.");

  private final OperatorRepository operators;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final AuditLog audit;
  private final Clock clock;

  public CreateOperatorService(
      OperatorRepository operators,
      PasswordHasher hasher,
      PasswordPolicy policy,
      AuditLog audit,
      Clock clock) {
    this.operators = requireNonNull(operators, "operators");
    this.hasher = requireNonNull(hasher, "hasher");
    this.policy = requireNonNull(policy, "policy");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public CreateOperatorResult create(CreateOperatorCommand command) {
    var fields = new OperatorFields();
    Username username = fields.parse(OperatorField.USERNAME, command.username(), Username::new);
    EmailAddress email = fields.parse(OperatorField.EMAIL, command.email(), EmailAddress::new);
    DisplayName displayName =
        fields.parse(OperatorField.DISPLAY_NAME, command.displayName(), DisplayName::new);
    Role role = fields.parse(OperatorField.ROLE, command.role(), Role::parse);
    // Judged even without a valid username, so that the form shows every problem at once.
    Optional<Problem> passwordProblem =
        username == null
            ? policy.problem(command.password())
            : policy.problem(command.password(), username);
    passwordProblem.ifPresent(problem -> fields.reject(OperatorField.PASSWORD, problem));
    if (!fields.valid()) {
      return new CreateOperatorResult.Invalid(fields.problems());
    }
    var operator = new Operator(OperatorId.random(), username, email, displayName, role, true);
    return switch (operators.add(operator, hasher.hash(command.password()))) {
      case ADDED -> {
        audit.append(
            new AuditEvent(
                clock.now(),
                AuditEventType.OPERATOR_CREATED,
                command.actor(),
                operator.id().toString(),
                Map.of("username", username.value(), "role", role.name())));
        yield new CreateOperatorResult.Created(operator);
      }
      case USERNAME_TAKEN ->
          new CreateOperatorResult.Invalid(Map.of(OperatorField.USERNAME, USERNAME_TAKEN));
      case EMAIL_TAKEN ->
          new CreateOperatorResult.Invalid(Map.of(OperatorField.EMAIL, EMAIL_TAKEN));
    };
  }
}
