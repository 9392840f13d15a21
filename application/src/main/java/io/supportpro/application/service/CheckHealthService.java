package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.CheckHealthUseCase;
import io.supportpro.application.port.out.HealthProbe;

/** Checks what the service depends on. */
public final class CheckHealthService implements CheckHealthUseCase {
  private final HealthProbe probe;

  public CheckHealthService(HealthProbe probe) {
    this.probe = requireNonNull(probe, "probe");
  }

  @Override
  public Health check() {
    return new Health(probe.databaseReachable());
  }
}
