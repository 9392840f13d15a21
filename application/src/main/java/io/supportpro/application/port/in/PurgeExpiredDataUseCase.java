package io.supportpro.application.port.in;

/** Removes sessions and failure counts that can no longer matter, so their tables stay small. */
public interface PurgeExpiredDataUseCase {
  /** Deletes expired sessions and stale failure counts; returns how many rows went. */
  int purge();
}
