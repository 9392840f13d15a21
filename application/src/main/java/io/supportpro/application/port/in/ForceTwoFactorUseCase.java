package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;

/** The Force 2FA setting: when on, operators without 2FA enrol at their next sign-in. */
public interface ForceTwoFactorUseCase {
  /** True when two-factor authentication is required of every operator. */
  boolean required();

  /** Turns the requirement on or off, audited. */
  void require(Actor actor, boolean required);
}
