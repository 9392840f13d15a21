package io.supportpro.domain.operator;

import io.supportpro.domain.page.Cursor;
import java.util.Objects;

/** A person who signs in to the operator panel. */
public record Operator(
    OperatorId id,
    Username username,
    EmailAddress email,
    DisplayName displayName,
    Role role,
    boolean active) {
  public Operator {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(role, "role");
  }

  /** True when the operator may use the administration pages. */
  public boolean isAdministrator() {
    return role == Role.ADMINISTRATOR;
  }

  /** True when the operator counts towards the administrators who can still sign in. */
  public boolean isActiveAdministrator() {
    return active && isAdministrator();
  }

  /** The same operator with another e-mail address, display name and role. */
  public Operator withProfile(EmailAddress newEmail, DisplayName newDisplayName, Role newRole) {
    return new Operator(id, username, newEmail, newDisplayName, newRole, active);
  }

  /** The same operator, active or not. */
  public Operator withActive(boolean nowActive) {
    return new Operator(id, username, email, displayName, role, nowActive);
  }

  /**
   * The position of this operator in a listing of operators, which is ordered by username, then
   * identity: the page that begins after them or ends before them.
   */
  public Cursor position(Cursor.Direction direction) {
    return new Cursor(direction, username.value(), id.toString());
  }
}
