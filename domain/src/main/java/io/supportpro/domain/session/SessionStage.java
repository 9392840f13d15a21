package io.supportpro.domain.session;

import io.supportpro.domain.secondfactor.SecondFactor;

/** How far a session has come through sign-in. */
public enum SessionStage {
  /** The password was right; a second factor (a code, or a plugin's prompt) is still due. */
  AWAITING_SECOND_FACTOR,
  /** The password was right; 2FA is required and the operator must enrol before anything else. */
  AWAITING_ENROLMENT,
  /** Fully signed in. */
  SIGNED_IN;

  /** The stage a session starts in after the password, given the second factor required. */
  public static SessionStage afterPassword(SecondFactor required) {
    return switch (required.kind()) {
      case NONE -> SIGNED_IN;
      case CODE, PROMPT -> AWAITING_SECOND_FACTOR;
      case ENROLMENT -> AWAITING_ENROLMENT;
    };
  }
}
