package io.supportpro.adapter.in.web;

/** The web server could not start; the message says why in one sentence. */
public final class WebServerException extends RuntimeException {
  public WebServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
