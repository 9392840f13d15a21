package io.supportpro.adapter.out.duo.emulator;

/** The emulator's HTML: plain pages with a form post, no scripts and no styles. */
final class PromptPage {
  static final String DECISION_PATH = "/oauth/v1/prompt";

  private PromptPage() {}

  /** The Approve / Deny page for one pending sign-in. */
  static String prompt(String username, String transaction) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Duo emulator: approve the sign-in</title>
        </head>
        <body>
        <main>
        <h1>Duo Universal Prompt (emulator)</h1>
        <p>A sign-in is waiting for <strong>%s</strong>.</p>
        <form method="post" action="%s">
        <input type="hidden" name="txn" value="%s">
        <button type="submit" name="decision" value="approve">Approve</button>
        <button type="submit" name="decision" value="deny">Deny</button>
        </form>
        <p>This is a local emulator of Duo for demonstrations and tests; nothing leaves this \
        machine.</p>
        </main>
        </body>
        </html>
        """
        .formatted(escape(username), DECISION_PATH, escape(transaction));
  }

  /** A page that says why the request cannot go on. */
  static String problem(String message) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Duo emulator: request refused</title>
        </head>
        <body>
        <main>
        <h1>This sign-in request cannot go on</h1>
        <p>%s</p>
        </main>
        </body>
        </html>
        """
        .formatted(escape(message));
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
