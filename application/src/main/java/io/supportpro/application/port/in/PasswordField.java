package io.supportpro.application.port.in;

/** The fields of the password change form, so that each problem is shown next to its field. */
public enum PasswordField {
  CURRENT,
  CHOSEN,
  REPEATED
}
