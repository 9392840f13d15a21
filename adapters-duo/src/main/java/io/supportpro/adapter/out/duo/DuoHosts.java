package io.supportpro.adapter.out.duo;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The hosts the panel may connect to for Duo: Duo's own API hosts, plus the host names the server's
 * operator lists (a private Duo deployment, a proxy, a local emulator). What an administrator types
 * in the settings page can never widen this, so the settings page cannot point the panel at an
 * arbitrary host inside the network.
 */
public record DuoHosts(List<String> listed) {
  /** Duo's own API hosts only: what applies when the server lists none. */
  public static final DuoHosts DUO_ONLY = new DuoHosts(List.of());

  /** The name of the environment variable that lists more hosts, for messages that name it. */
  public static final String VARIABLE = "SUPPORTPRO_DUO_ALLOWED_HOSTS";

  // Duo's API hosts: one api-… label under one of Duo's service domains (commercial, federal, EU).
  private static final Pattern DUO_API_HOST =
      Pattern.compile("api-[a-z0-9]{1,60}\\.(duosecurity\\.com|duofederal\\.com|duosecurity\\.eu)");
  // Matched before lower-casing, ASCII letters in either case: lower-casing first would let
  // look-alikes through (the Kelvin sign becomes k).
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  /**
   * @throws IllegalArgumentException when an entry is not a host name or IPv4 address
   */
  public DuoHosts {
    Objects.requireNonNull(listed, "listed");
    listed =
        listed.stream()
            .map(
                host -> {
                  if (host == null || !HOST_NAME.matcher(host).matches()) {
                    throw new IllegalArgumentException(
                        "\"%s\" is not a host name such as duo.example.internal (no scheme, port or path)."
                            .formatted(host == null ? "" : printable(host)));
                  }
                  return host.toLowerCase(Locale.ROOT);
                })
            .distinct()
            .toList();
  }

  /** Reads host names separated by commas (or spaces); an empty text lists none. */
  public static DuoHosts parse(String text) {
    return new DuoHosts(
        List.of(Objects.requireNonNull(text, "text").strip().split("[\\s,]+")).stream()
            .filter(host -> !host.isEmpty())
            .toList());
  }

  /** These hosts and more, such as the ones a test or the demo needs. */
  public DuoHosts and(Collection<String> more) {
    return new DuoHosts(java.util.stream.Stream.concat(listed.stream(), more.stream()).toList());
  }

  /** Whether Duo's API may be reached at this host: one of Duo's, or a listed one. */
  public boolean allowsApiHost(String host) {
    return isDuoApiHost(host) || isListed(host);
  }

  /** Whether outbound HTTPS to Duo may go through a proxy at this host: a listed one only. */
  public boolean allowsProxy(String host) {
    return isListed(host);
  }

  /** Whether the host has the form of Duo's own API hosts, such as api-1234abcd.duosecurity.com. */
  public static boolean isDuoApiHost(String host) {
    return host != null
        && HOST_NAME.matcher(host).matches()
        && DUO_API_HOST.matcher(host.toLowerCase(Locale.ROOT)).matches();
  }

  private boolean isListed(String host) {
    return host != null
        && HOST_NAME.matcher(host).matches()
        && listed.contains(host.toLowerCase(Locale.ROOT));
  }

  private static String printable(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 100 ? oneLine.substring(0, 100) + "..." : oneLine;
  }
}
