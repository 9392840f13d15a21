package io.supportpro.domain.secondfactor;

/** The second factor an operator must pass after the password. */
public enum SecondFactor {
  /** Duo's Universal Prompt, which replaces the built-in 2FA. */
  DUO,
  /** A code from the operator's authenticator app, or a recovery code. */
  TOTP,
  /** No 2FA yet, but it is required: the operator enrols before anything else. */
  TOTP_ENROLMENT,
  /** Nothing beyond the password. */
  NONE
}
