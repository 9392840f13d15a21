package io.supportpro.adapter.out.duo;

import java.util.Locale;

/** What happens at sign-in when an external second factor cannot be reached. */
public enum FailMode {
  /** No sign-in while the second factor is unreachable: the safe default. */
  CLOSED,
  /** Sign in with the password only, audited as such. */
  OPEN;

  /**
   * Reads a fail mode from {@code closed} or {@code open}, in any case.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static FailMode parse(String text) {
    if (text != null) {
      for (FailMode mode : values()) {
        if (mode.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
          return mode;
        }
      }
    }
    throw new IllegalArgumentException("The fail mode is either closed or open.");
  }

  /** The lower-case name used in settings and forms. */
  public String setting() {
    return name().toLowerCase(Locale.ROOT);
  }
}
