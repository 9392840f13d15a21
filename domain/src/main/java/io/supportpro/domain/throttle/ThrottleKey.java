package io.supportpro.domain.throttle;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** What failed attempts are counted against: an account, a client network or a 2FA step. */
public record ThrottleKey(Kind kind, String value) {
  // As long as the longest e-mail address, and the width of the stored column.
  private static final int MAX_LENGTH = 254;
  // Hex digits, dots and at least one colon: InetAddress reads such text as an IPv6 literal or
  // refuses it, and never looks it up in DNS.
  private static final Pattern IPV6_LITERAL =
      Pattern.compile("(?=.{2,45}$)[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

  /** What is counted. */
  public enum Kind {
    /**
     * Passwords tried for one account: the operator's id when the account exists, otherwise the
     * name as typed, so that unknown names are throttled like known ones.
     */
    ACCOUNT,
    /** Passwords tried from one client address (an IPv6 client: from its /64 network). */
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

  /**
   * The failures counted for an account: pass the operator's id when the login names one, else the
   * login as typed.
   */
  public static ThrottleKey account(String operatorIdOrLogin) {
    return new ThrottleKey(Kind.ACCOUNT, operatorIdOrLogin);
  }

  /**
   * The failures counted for a client: an IPv4 address by itself, an IPv6 address by its /64
   * network, since one subscriber is usually given a whole /64 and can pick any address in it.
   */
  public static ThrottleKey address(String clientAddress) {
    return new ThrottleKey(Kind.ADDRESS, network(Objects.requireNonNull(clientAddress).strip()));
  }

  /** The failed codes counted for an operator. */
  public static ThrottleKey secondFactor(String operatorId) {
    return new ThrottleKey(Kind.SECOND_FACTOR, operatorId);
  }

  /** The IPv6 literal's /64 network, an IPv4-mapped one's IPv4 address, or the text unchanged. */
  private static String network(String address) {
    if (!IPV6_LITERAL.matcher(address).matches()) {
      return address;
    }
    try {
      return switch (InetAddress.getByName(address)) {
        case Inet6Address v6 -> {
          byte[] bytes = v6.getAddress();
          var prefix = new StringBuilder();
          for (int group = 0; group < 4; group++) {
            int value = (bytes[2 * group] & 0xff) << 8 | bytes[2 * group + 1] & 0xff;
            prefix.append(Integer.toHexString(value)).append(':');
          }
          yield prefix.append(":/64").toString();
        }
        case Inet4Address v4 -> v4.getHostAddress();
        default -> address;
      };
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
