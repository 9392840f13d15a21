package io.supportpro.adapter.out.duo.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The emulator's HTML, presented as the local test prompt: plain pages with a form post, no scripts
 * and no inline styles, styled by the emulator's own stylesheet.
 */
final class PromptPage {
  static final String DECISION_PATH = "/oauth/v1/prompt";
  static final String STYLESHEET_PATH = "/prompt.css";
  static final String STYLESHEET = stylesheet();

  private PromptPage() {}

  /** The Approve / Deny page for one pending sign-in. */
  static String prompt(String username, String transaction) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Local test prompt: approve the sign-in</title>
        <link rel="stylesheet" href="%s">
        </head>
        <body>
        <main>
        <h1>Local test prompt</h1>
        <p class="lead">A sign-in is waiting for <strong>%s</strong>. Approve it to go on \
        signing in, or deny it.</p>
        <form method="post" action="%s">
        <input type="hidden" name="txn" value="%s">
        <button type="submit" name="decision" value="approve" class="approve">Approve</button>
        <button type="submit" name="decision" value="deny" class="deny">Deny</button>
        </form>
        <p class="note">This prompt stands in for a second-factor provider in demonstrations and \
        tests; nothing leaves this machine.</p>
        </main>
        </body>
        </html>
        """
        .formatted(STYLESHEET_PATH, escape(username), DECISION_PATH, escape(transaction));
  }

  /** A page that says why the request cannot go on. */
  static String problem(String message) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Local test prompt: request refused</title>
        <link rel="stylesheet" href="%s">
        </head>
        <body>
        <main>
        <h1>This sign-in request cannot go on</h1>
        <p>%s</p>
        </main>
        </body>
        </html>
        """
        .formatted(STYLESHEET_PATH, escape(message));
  }

  private static String stylesheet() {
    try (InputStream in = PromptPage.class.getResourceAsStream("prompt.css")) {
      return new String(Objects.requireNonNull(in, "prompt.css").readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String escape(String text) {
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
