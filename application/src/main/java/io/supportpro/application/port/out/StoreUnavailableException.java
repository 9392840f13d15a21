package io.supportpro.application.port.out;

/**
 * An out-port's store cannot be reached right now; the same call may succeed once it is back.
 *
 * <p>Any out-port backed by a store may throw it from any method. Its message is one sentence fit
 * for a log line; the cause keeps the technical detail.
 */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
