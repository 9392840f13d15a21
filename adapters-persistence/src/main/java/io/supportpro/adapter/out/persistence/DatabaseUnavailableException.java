package io.supportpro.adapter.out.persistence;

/**
 * The database cannot be reached, signed in to or migrated; the message is one sentence fit to show
 * to whoever runs the application, and the cause keeps the technical detail for the log.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
