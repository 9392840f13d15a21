package io.supportpro.domain.throttle;

import java.util.Locale;
import java.util.Objects;

/** What failed attempts are counted against: an account name, a client address or a 2FA step. */
public record ThrottleKey(Kind kind, String value) {
  // As long as the longest e-mail address, and the width of the stored column.
  private static final int MAX_LENGTH = 254;

  /** What is counted. */
  public enum Kind {
    /** Passwords tried for one account name, whether or not it exists. */
    ACCOUNT,
    /** Passwords tried from one client address. */
    ADDRESS,
    /** Second-factor codes tried for one operator. */
    SECOND_FACTOR
  }

  public ThrottleKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    value = value.strip().toLowerCase(Locale.ROOT);
    if (value.length() > MAX_LENGTH) {
      // Cutting between the two halves of a surrogate pair would leave text that cannot be stored.
      boolean split = Character.isHighSurrogate(value.charAt(MAX_LENGTH - 1));
      value = value.substring(0, split ? MAX_LENGTH - 1 : MAX_LENGTH);
    }
  }

  /** The failures counted for an account name as it was typed. */
  public static ThrottleKey account(String login) {
    return new ThrottleKey(Kind.ACCOUNT, login);
  }

  /** The failures counted for a client address. */
  public static ThrottleKey address(String clientAddress) {
    return new ThrottleKey(Kind.ADDRESS, clientAddress);
  }

  /** The failed codes counted for an operator. */
  public static ThrottleKey secondFactor(String operatorId) {
    return new ThrottleKey(Kind.SECOND_FACTOR, operatorId);
  }
}
