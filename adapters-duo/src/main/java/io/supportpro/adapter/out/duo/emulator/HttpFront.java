package io.supportpro.adapter.out.duo.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Puts {@link EmulatedDuo} on HTTP: routes by method and exact path, bounds what it reads, and
 * plays the transport faults ({@link Fault#DOWN} drops the connection unanswered, {@link
 * Fault#SLOW} answers late).
 */
final class HttpFront implements HttpHandler {
  static final int MAX_BODY_BYTES = 16 * 1024;
  static final int MAX_QUERY_CHARS = 8 * 1024;
  static final int MAX_CONCURRENT = 64;

  private final EmulatedDuo duo;
  private final boolean servesApi;
  private final Duration slowDelay;
  private final Semaphore permits = new Semaphore(MAX_CONCURRENT);

  /**
   * @param servesApi whether the server-to-server endpoints are served too (on HTTPS), or only the
   *     pages a browser sees (on plain HTTP)
   */
  HttpFront(EmulatedDuo duo, boolean servesApi, Duration slowDelay) {
    this.duo = duo;
    this.servesApi = servesApi;
    this.slowDelay = slowDelay;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      if (duo.has(Fault.DOWN)) {
        // Closing an exchange that sent no headers closes its connection: the client gets nothing.
        return;
      }
      if (!permits.tryAcquire()) {
        send(exchange, Answer.text(503, "Too many requests at once."));
        return;
      }
      try {
        if (duo.has(Fault.SLOW)) {
          Thread.sleep(slowDelay.toMillis());
        }
        send(exchange, route(exchange));
      } finally {
        permits.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // The client went away or the emulator is closing; there is no one left to answer.
    } finally {
      exchange.close();
    }
  }

  private Answer route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    try {
      if (EmulatedDuo.AUTHORIZE_PATH.equals(path)) {
        if (!"GET".equals(method)) {
          return Answer.text(405, "Use GET.");
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.length() > MAX_QUERY_CHARS) {
          return Answer.text(414, "The query is too long.");
        }
        return duo.authorize(Forms.parse(query));
      }
      if (PromptPage.STYLESHEET_PATH.equals(path)) {
        return "GET".equals(method)
            ? Answer.stylesheet(PromptPage.STYLESHEET)
            : Answer.text(405, "Use GET.");
      }
      if (PromptPage.DECISION_PATH.equals(path)) {
        return post(exchange, duo::decide);
      }
      if (servesApi && EmulatedDuo.HEALTH_CHECK_PATH.equals(path)) {
        return post(exchange, duo::healthCheck);
      }
      if (servesApi && EmulatedDuo.TOKEN_PATH.equals(path)) {
        return post(exchange, duo::token);
      }
      return Answer.text(404, "Not found.");
    } catch (Forms.MalformedFormException e) {
      return Answer.text(400, "Malformed request: " + e.getMessage());
    }
  }

  private interface FormEndpoint {
    Answer answer(Map<String, String> form);
  }

  private static Answer post(HttpExchange exchange, FormEndpoint endpoint) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return Answer.text(405, "Use POST.");
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return Answer.text(415, "Send a form.");
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return Answer.text(413, "The body is too large.");
    }
    return endpoint.answer(Forms.parse(new String(body, StandardCharsets.UTF_8)));
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", answer.contentType());
    answer.headers().forEach(headers::set);
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
