package io.supportpro.application.port.out;

import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * The columns of an operator that one change writes; an empty one keeps whatever is stored then, so
 * that changes made at once to different columns cannot undo each other (a form left open still
 * writes the values it showed for the columns it changes).
 */
public record OperatorChanges(
    Optional<EmailAddress> email,
    Optional<DisplayName> displayName,
    Optional<Role> role,
    Optional<Boolean> active) {
  public OperatorChanges {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(active, "active");
  }

  /** Only the active flag. */
  public static OperatorChanges active(boolean active) {
    return new OperatorChanges(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(active));
  }

  /** The columns in which {@code wanted} differs from {@code seen}, the operator as it was read. */
  public static OperatorChanges between(Operator seen, Operator wanted) {
    return new OperatorChanges(
        changed(seen.email(), wanted.email()),
        changed(seen.displayName(), wanted.displayName()),
        changed(seen.role(), wanted.role()),
        changed(seen.active(), wanted.active()));
  }

  private static <T> Optional<T> changed(T seen, T wanted) {
    return seen.equals(wanted) ? Optional.empty() : Optional.of(wanted);
  }

  /** The operator with these columns written over {@code current}. */
  public Operator applyTo(Operator current) {
    Operator profiled =
        current.withProfile(
            email.orElse(current.email()),
            displayName.orElse(current.displayName()),
            role.orElse(current.role()));
    return profiled.withActive(active.orElse(current.active()));
  }

  /** True when the change may leave the operator no longer an active administrator. */
  public boolean mayDemote() {
    return role.filter(r -> r != Role.ADMINISTRATOR).isPresent()
        || active.filter(a -> !a).isPresent();
  }
}
