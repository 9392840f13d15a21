package io.supportpro.domain.operator;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import java.util.Locale;

/** What an operator may do in the panel. */
public enum Role {
  /** Manages plugins, operators and settings, and reads the audit log. */
  ADMINISTRATOR,
  /** Works in the helpdesk; has no administration pages. */
  OPERATOR;

  /**
   * Reads a role from its name, in any case.
   *
   * @throws IllegalArgumentException when the text names no role
   */
  public static Role parse(String text) {
    if (text != null) {
      for (Role role : values()) {
        if (role.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
          return role;
        }
      }
    }
    throw new InvalidValueException(
        Problem.Code.ROLE_UNKNOWN, "A role is either administrator or operator.");
  }
}
