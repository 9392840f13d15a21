package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionHandle;
import io.supportpro.domain.session.SessionStage;
import java.time.Instant;
import java.util.Objects;

/**
 * A session as the list of sessions shows it: named by its handle, never by its token or key.
 *
 * @param current whether it is the session of the viewer asking
 */
public record SessionSummary(
    SessionHandle handle,
    SessionStage stage,
    String browser,
    String system,
    String address,
    Instant startedAt,
    Instant lastActiveAt,
    boolean current) {
  public SessionSummary {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
  }
}
