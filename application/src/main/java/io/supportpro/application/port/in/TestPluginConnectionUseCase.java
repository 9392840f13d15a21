package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a plugin's connection test with the values in its settings form, before they are saved, and
 * audits that it did.
 */
public interface TestPluginConnectionUseCase {
  /**
   * What came of the test, in plain words; an empty secret means the saved one. The page tells only
   * what the plugin chooses to say, so that a test tells nothing about what else listens where the
   * settings point.
   */
  ConnectionTestResult test(Actor actor, PluginId plugin, Map<String, String> typed);

  /**
   * Whether the provider accepted the values and a sentence for the administrator; {@code check}
   * says, by field, what to correct when the values themselves are the problem; {@code logDetail}
   * is what went wrong, for the server's log only, without secrets.
   */
  record ConnectionTestResult(
      boolean accepted, String message, SettingsCheck check, String logDetail) {
    public ConnectionTestResult {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(logDetail, "logDetail");
    }
  }
}
