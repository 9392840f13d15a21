package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForceTwoFactorServiceTest {
  private final Actor admin = actingAs(administrator("root"));
  private final InMemoryPanelSettings settings = new InMemoryPanelSettings();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final ForceTwoFactorService service = new ForceTwoFactorService(settings, audit, clock);

  private AuditEvent changed(boolean from, boolean to) {
    return new AuditEvent(
        clock.now(),
        AuditEventType.SETTING_CHANGED,
        admin,
        "force_two_factor",
        Map.of("from", Boolean.toString(from), "to", Boolean.toString(to)));
  }

  @Test
  void required_isOffAtFirst() {
    assertThat(service.required()).isFalse();
  }

  @Test
  void required_readsTheStoredSetting() {
    settings.setForceTwoFactor(true);

    assertThat(service.required()).isTrue();
  }

  @Test
  void require_turnsTheSettingOnAndAuditsTheChange() {
    service.require(admin, true);

    assertThat(settings.forceTwoFactor()).isTrue();
    assertThat(service.required()).isTrue();
    assertThat(audit.all()).containsExactly(changed(false, true));
  }

  @Test
  void require_turnsTheSettingOffAndAuditsTheChange() {
    settings.setForceTwoFactor(true);

    service.require(admin, false);

    assertThat(settings.forceTwoFactor()).isFalse();
    assertThat(audit.all()).containsExactly(changed(true, false));
  }

  @Test
  void require_isNotAuditedWhenNothingChanges() {
    service.require(admin, false);
    settings.setForceTwoFactor(true);
    service.require(admin, true);

    assertThat(audit.all()).isEmpty();
    assertThat(settings.forceTwoFactor()).isTrue();
  }

  @Test
  void require_auditsEachRealChangeAtItsTime() {
    service.require(admin, true);
    AuditEvent on = changed(false, true);
    clock.advance(Duration.ofMinutes(5));
    service.require(admin, true);
    service.require(admin, false);

    assertThat(audit.all()).containsExactly(on, changed(true, false));
  }

  @Test
  void refusesMissingPorts() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ForceTwoFactorService(null, audit, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new ForceTwoFactorService(settings, null, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new ForceTwoFactorService(settings, audit, null));
  }
}
