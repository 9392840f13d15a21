package io.supportpro.application.port.in;

/** Tells those who run the service whether it can do its work. */
public interface CheckHealthUseCase {
  /** The state of what the service depends on. */
  Health check();

  /** What the check found. */
  record Health(boolean databaseReachable) {
    /** True when the service can serve requests. */
    public boolean healthy() {
      return databaseReachable;
    }
  }
}
