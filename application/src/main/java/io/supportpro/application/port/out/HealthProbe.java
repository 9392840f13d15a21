package io.supportpro.application.port.out;

/** Tells whether what the application stores its data in can be reached now. */
@FunctionalInterface
public interface HealthProbe {
  /** True when the database answers a trivial query. */
  boolean databaseReachable();
}
