package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.Map;
import java.util.Objects;

/**
 * Runs Duo's health check with the values in the settings form, before they are saved, and audits
 * that it did.
 */
public interface TestDuoConnectionUseCase {
  /**
   * What came of the test, in plain words; an empty secret means the saved one. Every way of not
   * reaching Duo gets the same message, so that the test tells nothing about what else listens
   * where the settings point.
   */
  ConnectionTestResult test(Actor actor, Map<String, String> typed);

  /**
   * Whether Duo accepted the values and a sentence for the administrator; {@code check} says, by
   * field, what to correct when the values themselves are the problem; {@code logDetail} is what
   * went wrong, for the server's log only (never shown: it tells what answered), without secrets.
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
