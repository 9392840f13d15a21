package io.supportpro.adapter.out.duo.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A user's browser in tests: opens a prompt address, presses a button, and stops at the redirect.
 */
public final class PromptBrowser {
  private static final Pattern ACTION =
      Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");
  private static final Pattern TRANSACTION = Pattern.compile("name=\"txn\" value=\"([^\"]+)\"");

  private final HttpClient client;

  private PromptBrowser(HttpClient client) {
    this.client = client;
  }

  /** A browser that reaches the prompt directly, e.g. over plain HTTP on 127.0.0.1. */
  public static PromptBrowser direct() {
    return new PromptBrowser(builder().build());
  }

  /**
   * A browser that reaches the emulator's API host through its proxy and trusts the TLS context.
   */
  public static PromptBrowser throughProxy(int proxyPort, SSLContext tls) {
    return new PromptBrowser(
        builder()
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxyPort)))
            .sslContext(tls)
            .build());
  }

  /** Presses Approve; returns where the browser is sent back to. */
  public URI approve(URI promptLocation) {
    return answer(promptLocation, "approve");
  }

  /** Presses Deny; returns where the browser is sent back to. */
  public URI decline(URI promptLocation) {
    return answer(promptLocation, "deny");
  }

  /** Opens the address and returns the response, without following redirects. */
  public HttpResponse<String> get(URI address) {
    return send(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(10)).GET().build());
  }

  private URI answer(URI promptLocation, String decision) {
    HttpResponse<String> page = get(promptLocation);
    if (page.statusCode() == 302) {
      return location(page);
    }
    if (page.statusCode() != 200) {
      throw new IllegalStateException(
          "The prompt answered " + page.statusCode() + ": " + page.body());
    }
    var action = ACTION.matcher(page.body());
    var transaction = TRANSACTION.matcher(page.body());
    if (!action.find() || !transaction.find()) {
      throw new IllegalStateException("The prompt page has no form: " + page.body());
    }
    String form =
        "txn="
            + URLEncoder.encode(transaction.group(1), StandardCharsets.UTF_8)
            + "&decision="
            + decision;
    HttpResponse<String> back =
        send(
            HttpRequest.newBuilder(promptLocation.resolve(action.group(1)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    if (back.statusCode() != 302) {
      throw new IllegalStateException(
          "The prompt's form answered " + back.statusCode() + ": " + back.body());
    }
    return location(back);
  }

  private static URI location(HttpResponse<String> response) {
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5));
  }
}
