package io.supportpro.domain.session;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import io.supportpro.domain.Sha256;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How pages and forms name a session: a one-way hash of its key, so that a handle shown on a page
 * can name a session to end but never lead to its token or key, and so to taking it over.
 */
public record SessionHandle(String value) {
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");
  // Keeps a handle from ever equalling a hash of the key made for another purpose.
  private static final String PURPOSE = "supportpro session handle:";

  public SessionHandle {
    Objects.requireNonNull(value, "session handle");
    if (!SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          Problem.Code.SESSION_HANDLE_MALFORMED, "A session handle is 64 lower-case hex digits.");
    }
  }

  /** The handle of the session stored under the key. */
  public static SessionHandle of(SessionKey key) {
    return new SessionHandle(Sha256.hex(PURPOSE + key.value()));
  }
}
