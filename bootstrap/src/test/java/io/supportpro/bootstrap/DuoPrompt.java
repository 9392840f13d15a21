package io.supportpro.bootstrap;

import io.supportpro.adapter.in.web.testing.Browser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The part of a browser that visits the Duo emulator's prompt and comes back with its answer. */
final class DuoPrompt {
  private static final Pattern TRANSACTION = Pattern.compile("name=\"txn\" value=\"([^\"]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private DuoPrompt() {}

  /**
   * Signs a Duo user in with {@link Panel#PASSWORD}, which sends the browser straight to the shared
   * emulator's prompt, with no page of the panel in between; returns the prompt's address.
   */
  static URI passwordToPrompt(Browser browser, String username) {
    return PromptSteps.passwordToPrompt(browser, username, DuoEmulators.shared().promptBase());
  }

  /**
   * Opens the prompt at {@code location}, presses Approve or Deny, and returns where the emulator
   * sends the browser back to (the panel's callback with its query).
   */
  static URI answer(URI location, boolean approve) {
    try {
      HttpResponse<String> page =
          HTTP.send(
              HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher transaction = TRANSACTION.matcher(page.body());
      if (page.statusCode() != 200 || !transaction.find()) {
        throw new AssertionError(
            "no prompt at " + location + ": " + page.statusCode() + page.body());
      }
      String form =
          "txn="
              + URLEncoder.encode(transaction.group(1), StandardCharsets.UTF_8)
              + "&decision="
              + (approve ? "approve" : "deny");
      HttpResponse<String> decided =
          HTTP.send(
              HttpRequest.newBuilder(location.resolve("/oauth/v1/prompt"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return URI.create(
          decided
              .headers()
              .firstValue("Location")
              .orElseThrow(
                  () -> new AssertionError("the prompt did not redirect: " + decided.body())));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The path and query of an address, as a browser on the same site requests it. */
  static String pathAndQuery(URI uri) {
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
