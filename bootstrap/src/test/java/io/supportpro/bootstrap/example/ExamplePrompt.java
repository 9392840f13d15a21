package io.supportpro.bootstrap.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider's side of the example prompt, on loopback: a GET with a state sends the browser
 * straight back to the address it names, with a code signed for the subject, or with an error for a
 * subject it was told to deny. A real provider would ask the person first, and would send browsers
 * back only to addresses registered with it.
 */
public final class ExamplePrompt implements AutoCloseable {
  private static final String PATH = "/prompt";

  private final HttpServer server;
  private final String secret;
  private final Set<String> denied = ConcurrentHashMap.newKeySet();

  private ExamplePrompt(HttpServer server, String secret) {
    this.server = server;
    this.secret = secret;
  }

  /** Starts a prompt that signs its answers with {@code secret}, on a free port. */
  public static ExamplePrompt start(String secret) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    var prompt = new ExamplePrompt(server, secret);
    server.createContext(PATH, prompt::answer);
    server.start();
    return prompt;
  }

  /** The address to save as the plugin's prompt address. */
  public URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** Refuses every later sign-in of the subject. */
  public void deny(String subject) {
    denied.add(subject);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Optional<URI> back =
          "GET".equals(exchange.getRequestMethod())
              ? back(secret, query, denied.contains(query.getOrDefault("subject", "")))
              : Optional.empty();
      if (back.isEmpty()) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      exchange.getResponseHeaders().set("Location", back.get().toString());
      exchange.sendResponseHeaders(302, -1);
    }
  }

  /**
   * Where the prompt sends a browser that came with this query: back to its {@code redirect_uri}
   * with the state and a code signed for the subject, or with an error when it denies the subject;
   * nowhere when the query names no state or address.
   */
  static Optional<URI> back(String secret, Map<String, String> query, boolean deny) {
    String state = query.getOrDefault("state", "");
    String address = query.getOrDefault("redirect_uri", "");
    if (state.isEmpty() || address.isEmpty()) {
      return Optional.empty();
    }
    String subject = query.getOrDefault("subject", "");
    String answer =
        deny
            ? "error=access_denied"
            : "code=" + encoded(ExamplePromptMethod.code(secret, subject, Instant.now()));
    return Optional.of(URI.create(address + "?state=" + encoded(state) + "&" + answer));
  }

  /** The parameters of a raw query, decoded; an absent query has none. */
  static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          values.put(
              URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
