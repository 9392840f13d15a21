package io.supportpro.domain.session;

import java.util.Objects;
import java.util.regex.Pattern;

/** The stored identity of a session: the hex SHA-256 of its token. */
public record SessionKey(String value) {
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

  public SessionKey {
    Objects.requireNonNull(value, "session key");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("A session key is 64 lower-case hex digits.");
    }
  }
}
