package io.supportpro.application.port.out;

import io.supportpro.domain.plugin.PluginSettings;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin's check that settings reach its provider, run from the settings page before they are
 * saved. The panel runs the plugin's settings checks first, so a test only ever connects where
 * saving would be allowed.
 */
public interface ConnectionTest {
  /**
   * Tries the settings (secrets in clear, a kept secret already filled in) against the provider;
   * {@code panelAddress} is the panel's public address, for providers that must be told where
   * browsers come back to.
   */
  Outcome test(PluginSettings settings, URI panelAddress);

  /**
   * What the audit log keeps of settings as typed, to recognise what was tried: never a secret. By
   * default nothing.
   */
  default Map<String, String> audited(Map<String, String> typed) {
    return Map.of();
  }

  /**
   * What came of it. {@code outcome} is a short word for the audit log, {@code message} a sentence
   * for the administrator, {@code logDetail} for the server's log only (it may tell what answered,
   * which the page must not).
   */
  record Outcome(boolean accepted, String outcome, String message, String logDetail) {
    public Outcome {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(logDetail, "logDetail");
    }
  }
}
