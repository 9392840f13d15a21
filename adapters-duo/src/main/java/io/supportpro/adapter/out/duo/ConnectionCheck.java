package io.supportpro.adapter.out.duo;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a connection before any of it reaches the SDK, which would otherwise throw unchecked
 * exceptions (a port in the API host) or accept what Duo refuses later (its id check lets {@code _
 * [ ] ^ \} and a backtick through), and keeps the SDK away from any host the server does not allow:
 * whatever reaches the gateway, it connects only to Duo's hosts and the listed ones.
 */
final class ConnectionCheck {
  private static final Pattern CLIENT_ID = Pattern.compile("(DI|SI)[A-Za-z0-9]{18}");
  private static final Pattern CLIENT_SECRET = Pattern.compile("[A-Za-z0-9]{40}");
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

  private ConnectionCheck() {}

  /** What is wrong with the connection, in one sentence, or empty if the SDK may have it. */
  static Optional<String> problem(DuoConnection connection, DuoHosts hosts) {
    if (!CLIENT_ID.matcher(connection.clientId()).matches()) {
      return Optional.of("The client id has 20 letters and digits and starts with DI or SI.");
    }
    if (!CLIENT_SECRET.matcher(connection.clientSecret()).matches()) {
      return Optional.of("The client secret has 40 letters and digits.");
    }
    if (!HOST_NAME.matcher(connection.apiHost()).matches()) {
      return Optional.of(
          "The API host is a host name such as api-1234abcd.duosecurity.com, with no scheme,"
              + " port or path.");
    }
    if (!hosts.allowsApiHost(connection.apiHost())) {
      return Optional.of(
          "The API host is neither one of Duo's nor listed in " + DuoHosts.VARIABLE + ".");
    }
    Optional<String> redirect = redirectProblem(connection.redirectUri());
    if (redirect.isPresent()) {
      return redirect;
    }
    if (connection.proxy().isPresent()) {
      String host = connection.proxy().get().host();
      boolean literal = host.matches("[0-9.]{7,15}") || host.matches("\\[?[0-9A-Fa-f:.]+]?");
      if (!literal && !HOST_NAME.matcher(host).matches()) {
        return Optional.of("The proxy host is a host name or an IP address.");
      }
      if (!hosts.allowsProxy(host)) {
        return Optional.of("The proxy host is not listed in " + DuoHosts.VARIABLE + ".");
      }
    }
    for (String pin : connection.extraCertificatePins()) {
      if (pin == null || !PIN.matcher(pin).matches()) {
        return Optional.of(
            "A certificate pin is sha256/ followed by the base64 SHA-256 of a public key.");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> redirectProblem(URI redirect) {
    boolean web = "http".equals(redirect.getScheme()) || "https".equals(redirect.getScheme());
    if (!redirect.isAbsolute()
        || !web
        || redirect.getHost() == null
        || redirect.getRawUserInfo() != null) {
      return Optional.of("The redirect URI is an absolute http or https address.");
    }
    if (redirect.getRawQuery() != null || redirect.getRawFragment() != null) {
      // The SDK puts the redirect URI into the prompt address unencoded, so a query would break it.
      return Optional.of("The redirect URI has no query or fragment.");
    }
    try {
      redirect.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      return Optional.of("The redirect URI is not a valid address.");
    }
    return Optional.empty();
  }
}
