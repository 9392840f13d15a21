package io.supportpro.application.port.out;

/** The panel-wide security settings that administrators change. */
public interface PanelSettings {
  /** True when every operator must use two-factor authentication. */
  boolean forceTwoFactor();

  /** Requires (or no longer requires) two-factor authentication of every operator. */
  void setForceTwoFactor(boolean required);
}
