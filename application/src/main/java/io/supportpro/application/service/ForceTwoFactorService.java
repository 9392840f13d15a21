package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ForceTwoFactorUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import java.util.Map;

/** Reads and changes the Force 2FA setting. */
public final class ForceTwoFactorService implements ForceTwoFactorUseCase {
  private final PanelSettings settings;
  private final AuditLog audit;
  private final Clock clock;

  public ForceTwoFactorService(PanelSettings settings, AuditLog audit, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public boolean required() {
    return settings.forceTwoFactor();
  }

  @Override
  public void require(Actor actor, boolean required) {
    boolean before = settings.forceTwoFactor();
    if (before == required) {
      return;
    }
    settings.setForceTwoFactor(required);
    audit.append(
        new AuditEvent(
            clock.now(),
            AuditEventType.SETTING_CHANGED,
            actor,
            "force_two_factor",
            Map.of("from", Boolean.toString(before), "to", Boolean.toString(required))));
  }
}
