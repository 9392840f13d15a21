package io.supportpro.adapter.in.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A browser for tests of the panel's pages over real HTTP: it keeps cookies like a browser does
 * (including {@code Secure} ones, so that an https configuration can be tested over plain http),
 * never follows redirects on its own, and posts forms URL-encoded.
 */
public final class Browser {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String acceptLanguage;

  /**
   * A browser with no cookies, talking to the panel at {@code base} (such as
   * http://127.0.0.1:8080).
   */
  public Browser(URI base) {
    this.base = base;
  }

  /** Sends this {@code Accept-Language} with every later request, as a browser set to it does. */
  public void acceptLanguage(String header) {
    this.acceptLanguage = header;
  }

  /** A GET of a path (with its query) on the panel. */
  public Response get(String path) {
    return send(request(path).GET());
  }

  /** A POST of the fields, URL-encoded in the order given. */
  public Response post(String path, Map<String, String> fields) {
    return post(
        path, "application/x-www-form-urlencoded", encode(fields).getBytes(StandardCharsets.UTF_8));
  }

  /** A POST of any body, for requests no browser form would send. */
  public Response post(String path, String contentType, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** The GET of the page a redirect points to. */
  public Response follow(Response redirect) {
    String location =
        redirect.location().orElseThrow(() -> new AssertionError("not a redirect: " + redirect));
    return get(location);
  }

  /** A GET of binary content, such as an image. */
  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request to the panel with this browser's cookies; {@link #send} it when ready. */
  public HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (acceptLanguage != null) {
      builder.header("Accept-Language", acceptLanguage);
    }
    if (!cookies.isEmpty()) {
      var header = new StringJoiner("; ");
      cookies.forEach((name, value) -> header.add(name + "=" + value));
      builder.header("Cookie", header.toString());
    }
    return builder;
  }

  /** Sends the request and keeps the cookies the answer sets. */
  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> answer = sendOnce(request.build());
      var response = new Response(answer.statusCode(), answer.headers(), answer.body());
      response.setCookies().forEach(this::keep);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // The server may close a kept-alive connection after refusing a malformed request; like a real
  // browser, send once more on a new connection when a reused one turns out to be closed.
  private static HttpResponse<String> sendOnce(HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
        throw e;
      }
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** The cookie's value, if the browser holds it. */
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  /** Sets a cookie by hand, for instance to replay an old session. */
  public void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  /** Forgets a cookie. */
  public void removeCookie(String name) {
    cookies.remove(name);
  }

  /** Every cookie held, by name. */
  public Map<String, String> cookies() {
    return Map.copyOf(cookies);
  }

  /** The fields URL-encoded, as a browser sends a form. */
  public static String encode(Map<String, String> fields) {
    var body = new StringJoiner("&");
    fields.forEach(
        (name, value) ->
            body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return body.toString();
  }

  private void keep(String setCookie) {
    String[] parts = setCookie.split(";");
    int equals = parts[0].indexOf('=');
    String name = parts[0].substring(0, equals).strip();
    String value = parts[0].substring(equals + 1).strip();
    boolean expired =
        List.of(parts).stream()
            .map(part -> part.strip().toLowerCase(Locale.ROOT))
            .anyMatch(part -> part.equals("max-age=0"));
    if (expired) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }
}
