package io.supportpro.domain.session;

import java.util.Objects;

/**
 * Where a session was begun: the client's address and its browser's User-Agent, as the operator's
 * list of sessions shows them; stored without control characters and cut to a bounded length, since
 * both come from the request unchecked.
 */
public record SessionClient(String address, String userAgent) {
  /** Longer than any IPv6 address with a zone. */
  public static final int MAX_ADDRESS = 64;

  /** Enough for any browser's User-Agent; longer ones add nothing the list shows. */
  public static final int MAX_USER_AGENT = 512;

  /** A client nothing is known of, such as that of a session begun before clients were kept. */
  public static final SessionClient UNKNOWN = new SessionClient("", "");

  public SessionClient {
    address = clean(Objects.requireNonNullElse(address, ""), MAX_ADDRESS);
    userAgent = clean(Objects.requireNonNullElse(userAgent, ""), MAX_USER_AGENT);
  }

  /** The browser and system the User-Agent names. */
  public ClientDescription description() {
    return ClientDescription.of(userAgent);
  }

  private static String clean(String text, int maxLength) {
    StringBuilder kept = new StringBuilder(Math.min(text.length(), maxLength));
    for (int c : text.codePoints().toArray()) {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        continue;
      }
      // A character that does not fit whole ends the text rather than being cut in half.
      if (kept.length() + Character.charCount(c) > maxLength) {
        break;
      }
      kept.appendCodePoint(c);
    }
    return kept.toString().strip();
  }
}
