package io.supportpro.bootstrap;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The sign-in form opened once and sent many times, at once if need be: its token is a signed
 * double submit, not a single-use one, so every request can carry the same cookie and token.
 */
record SignInForm(URI base, Map<String, String> cookies, String csrf) {
  // A thousand connections at once overflow the listening socket's backlog of 50, and the kernel
  // lets a refused connection try again after 1, 3 and 7 seconds: wait for that, unlike Browser.
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  /** Opens the form of the panel. */
  static SignInForm open(Panel panel) {
    Browser browser = panel.browser();
    Response page = browser.get("/login");
    return new SignInForm(panel.base(), Map.copyOf(browser.cookies()), Html.csrf(page.body()));
  }

  /** Sends the form from the panel's own peer address. */
  Response send(String login, String password) {
    return send(login, password, Optional.empty());
  }

  /** Sends the form as a trusted proxy forwarding a client at {@code forwardedFor}. */
  Response send(String login, String password, Optional<String> forwardedFor) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", csrf);
    fields.put("next", "/");
    fields.put("login", login);
    fields.put("password", password);
    var cookie = new StringJoiner("; ");
    cookies.forEach((name, value) -> cookie.add(name + "=" + value));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("/login"))
            .timeout(Duration.ofSeconds(60))
            .header("Cookie", cookie.toString())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(fields)));
    forwardedFor.ifPresent(address -> request.header("X-Forwarded-For", address));
    try {
      HttpResponse<String> answer;
      try {
        answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        // Like a browser, send once more when the connection was closed before any answer.
        answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      }
      return new Response(answer.statusCode(), answer.headers(), answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends every request at once, each on its own thread released by one barrier, and returns the
   * answers in order; everything must be answered within {@code seconds}.
   */
  static List<Response> burst(List<Callable<Response>> requests, long seconds) throws Exception {
    var barrier = new CyclicBarrier(requests.size());
    List<Response> answers = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Response>> pending = new ArrayList<>();
      for (Callable<Response> request : requests) {
        pending.add(
            threads.submit(
                () -> {
                  barrier.await(seconds, TimeUnit.SECONDS);
                  return request.call();
                }));
      }
      for (Future<Response> answer : pending) {
        answers.add(answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
    }
    return answers;
  }
}
