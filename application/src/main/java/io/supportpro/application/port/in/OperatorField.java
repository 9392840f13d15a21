package io.supportpro.application.port.in;

/** The fields of the operator forms, so that a refusal can be shown next to its field. */
public enum OperatorField {
  USERNAME,
  EMAIL,
  DISPLAY_NAME,
  ROLE,
  PASSWORD
}
