package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import java.util.Map;

/** Runs Duo's health check with the values in the settings form, before they are saved. */
public interface TestDuoConnectionUseCase {
  /** What Duo said, in plain words; an empty secret means the saved one. */
  ConnectionTestResult test(Actor actor, Map<String, String> typed);

  /** Whether Duo accepted the values, and a sentence for the administrator. */
  record ConnectionTestResult(boolean accepted, String message) {}
}
