package io.supportpro.domain;

import java.util.List;
import java.util.Objects;

/**
 * Why something a person typed, sent or asked for is refused: a stable code that an adapter words
 * in its reader's language, the values that wording names, and the sentence in English for logs and
 * the command line.
 */
public record Problem(Code code, List<Object> arguments, String message) {
  public Problem {
    Objects.requireNonNull(code, "code");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(message, "message");
  }

  /** The problem of a code, with its English sentence and the values it names. */
  public static Problem of(Code code, String message, Object... arguments) {
    return new Problem(code, List.of(arguments), message);
  }

  /** The English sentence, as the command line prints it. */
  @Override
  public String toString() {
    return message;
  }

  /** Every reason the panel gives for refusing a value; each has a wording in every language. */
  public enum Code {
    USERNAME_LENGTH,
    USERNAME_CHARACTERS,
    USERNAME_TAKEN,
    DISPLAY_NAME_LENGTH,
    DISPLAY_NAME_CONTROL_CHARACTERS,
    EMAIL_LENGTH,
    EMAIL_SHAPE,
    EMAIL_TAKEN,
    ROLE_UNKNOWN,
    OPERATOR_ID_MALFORMED,
    PASSWORD_TOO_SHORT,
    PASSWORD_TOO_LONG,
    PASSWORD_TOO_COMMON,
    PASSWORD_CONTAINS_USERNAME,
    PASSWORD_NOT_CURRENT,
    PASSWORD_NOT_REPEATED,
    PASSWORD_UNCHANGED,
    PLUGIN_ID_MALFORMED,
    SESSION_HANDLE_MALFORMED,
    PAGE_NUMBER,
    PAGE_SIZE,
    SEARCH_TOO_LONG,
    SELECTION_TOO_LARGE,
    AUDIT_RANGE_REVERSED,
    ENROLMENT_NOT_PENDING,
    ENROLMENT_UNREADABLE,
    ENROLMENT_REPLACED,
    TWO_FACTOR_NOT_ON,
    TWO_FACTOR_REQUIRED,
    SECOND_FACTOR_NOT_SET_UP,
    SIGN_IN_SETTINGS_CHANGED
  }
}
