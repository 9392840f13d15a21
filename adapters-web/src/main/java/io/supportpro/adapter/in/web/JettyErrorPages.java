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
    Texts texts =
        Texts.in(Texts.fromAcceptLanguage(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE)));
    response.write(true, ByteBuffer.wrap(page(texts, status)), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    headers.forEach(fields::put);
    fields.put(HttpHeader.CONTENT_TYPE, Pages.HTML);
    // A message too malformed to read has no headers to choose a language from.
    return ByteBuffer.wrap(page(Texts.in(Texts.LANGUAGES.getFirst()), status));
  }

  private static byte[] page(Texts texts, int status) {
    String message =
        texts.get(
            switch (status) {
              case 413, 414, 431 -> "error.too-large.message";
              case 500 -> "error.refused.server";
              default -> "error.refused.unreadable";
            });
    String heading = texts.get("error.refused.title");
    // The words come from our own bundles, which hold no markup, so they go in as they are.
    return ("<!DOCTYPE html><html lang=\""
            + texts.locale().getLanguage()
            + "\"><head><meta charset=\"utf-8\">"
            + "<title>"
            + heading
            + " · SupportPro</title>"
            + "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>"
            + "<main id=\"main\" class=\"content error-page\"><h1>"
            + heading
            + "</h1><p>"
            + message
            + "</p><p><a href=\"/\">"
            + texts.get("error.refused.home")
            + "</a></p></main></body></html>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
