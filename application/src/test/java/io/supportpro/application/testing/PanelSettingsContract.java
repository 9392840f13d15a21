package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.PanelSettings;
import org.junit.jupiter.api.Test;

/** What every {@link PanelSettings} store must do. */
public abstract class PanelSettingsContract {
  /** Settings as a fresh installation has them. */
  protected abstract PanelSettings freshSettings();

  @Test
  void forceTwoFactor_isOffUntilTurnedOn() {
    PanelSettings settings = freshSettings();
    assertThat(settings.forceTwoFactor()).isFalse();

    settings.setForceTwoFactor(true);
    assertThat(settings.forceTwoFactor()).isTrue();
    settings.setForceTwoFactor(true);
    assertThat(settings.forceTwoFactor()).isTrue();

    settings.setForceTwoFactor(false);
    assertThat(settings.forceTwoFactor()).isFalse();
  }
}
