package io.supportpro.adapter.out.persistence;

/**
 * The database cannot be opened: it cannot be reached, signed in to or migrated, or is a version
 * the panel does not support; the message is one sentence fit to show to whoever runs the
 * application, and the cause keeps the technical detail for the log.
 *
 * <p>Only opening throws it; once open, the repositories report an outage as the port's {@link
 * io.supportpro.application.port.out.StoreUnavailableException}.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
