package io.supportpro.application.testing;

import io.supportpro.application.port.out.PanelSettings;

/** Panel settings kept in memory, for tests of the core. */
public final class InMemoryPanelSettings implements PanelSettings {
  private volatile boolean forceTwoFactor;

  @Override
  public boolean forceTwoFactor() {
    return forceTwoFactor;
  }

  @Override
  public void setForceTwoFactor(boolean required) {
    forceTwoFactor = required;
  }
}
