package io.supportpro.adapter.out.duo;

import java.io.IOException;

/**
 * Duo answered with an HTTP status other than 2xx. Raised inside the SDK's HTTP client, so that the
 * status reaches {@link DuoErrors}: the SDK itself turns a non-2xx health check into a bare
 * NullPointerException and a refused token request into a reason phrase.
 */
final class DuoHttpError extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String body;

  DuoHttpError(int status, String body) {
    super("Duo answered HTTP " + status);
    this.status = status;
    this.body = body;
  }

  int status() {
    return status;
  }

  /** The beginning of the answer's body, for the classification and the detail. */
  String body() {
    return body;
  }
}
