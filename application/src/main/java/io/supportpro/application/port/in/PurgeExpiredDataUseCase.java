package io.supportpro.application.port.in;

/**
 * Removes sessions and failure counts that can no longer matter, so their tables stay small, and
 * audit entries past their retention.
 */
public interface PurgeExpiredDataUseCase {
  /**
   * Deletes expired sessions, stale failure counts and audit entries past their retention; returns
   * how many rows went.
   */
  int purge();
}
