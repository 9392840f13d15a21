package io.supportpro.adapter.in.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests that Jetty refuses before they reach the panel, such as an address or
 * headers too large to read, with a short page of our own that carries the same security headers
 * and tells nothing about the server.
 */
final class JettyErrorPages extends ErrorHandler {
  private final Map<String, String> headers;

  JettyErrorPages(boolean secure) {
    this.headers = SecurityHeaders.of(secure);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refused) {
      status = refused.getCode();
      response.setStatus(status);
    }
    if (status < 400) {
      status = 500;
      response.setStatus(status);
    }
    HttpFields.Mutable fields = response.getHeaders();
    headers.forEach(fields::put);
    fields.put(HttpHeader.CONTENT_TYPE, Pages.HTML);
    response.write(true, ByteBuffer.wrap(page(status)), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    headers.forEach(fields::put);
    fields.put(HttpHeader.CONTENT_TYPE, Pages.HTML);
    return ByteBuffer.wrap(page(status));
  }

  private static byte[] page(int status) {
    String message =
        switch (status) {
          case 413, 414, 431 -> "The request is too large for the panel to accept.";
          case 500 -> "Something went wrong on our side. Try again in a moment.";
          default -> "The request could not be read.";
        };
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Request refused · SupportPro</title>"
            + "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>"
            + "<main id=\"main\" class=\"content error-page\"><h1>Request refused</h1><p>"
            + message
            + "</p><p><a href=\"/\">Go to the home page</a></p></main></body></html>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
