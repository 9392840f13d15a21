package io.supportpro.adapter.out.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail server the panel hands its e-mails to, and the address they come from, as read from an
 * {@code smtp://} or {@code smtps://} address; the password never appears in its text.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param security how the connection is protected
 * @param credentials the user and password to authenticate with, if any
 * @param from the sender, an address with an optional display name
 */
public record SmtpSettings(
    String host, int port, Security security, Optional<Credentials> credentials, String from) {

  /** How the connection to the server is protected. */
  public enum Security {
    /** {@code smtps://}: TLS from the first byte (port 465 by default). */
    IMPLICIT_TLS,
    /**
     * {@code smtp://} on the submission port 587, or with a user and password: the server must
     * offer STARTTLS, so that credentials and messages never travel in clear text.
     */
    STARTTLS_REQUIRED,
    /**
     * {@code smtp://} to a relay without credentials (port 25 by default): STARTTLS when the server
     * offers it, else plain, as between mail servers.
     */
    STARTTLS_IF_OFFERED
  }

  /** A user and password for SMTP AUTH; the password is left out of its text. */
  public record Credentials(String user, String password) {
    public Credentials {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Credentials[user=" + user + ", password=(hidden)]";
    }
  }

  private static final int SUBMISSION_PORT = 587;
  private static final String EXAMPLE =
      " Use an address such as smtp://mail.example.com:587 or"
          + " smtps://user:password@mail.example.com:465, with special characters in the user or"
          + " password written as %XX (for example %40 for @).";

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(from, "from");
  }

  /**
   * Reads the server's address and the sender.
   *
   * @throws IllegalArgumentException with a message that never repeats the address, since it may
   *     hold a password
   */
  public static SmtpSettings parse(String url, String from) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(from, "from");
    if (hasControlCharacter(url)) {
      throw new IllegalArgumentException("the address contains control characters." + EXAMPLE);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("this is not a valid address." + EXAMPLE);
    }
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
      throw new IllegalArgumentException(
          "the address must begin with smtp:// or smtps://." + EXAMPLE);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("the address names no valid host." + EXAMPLE);
    }
    if (!Optional.ofNullable(uri.getRawPath()).orElse("").replaceFirst("^/$", "").isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the address has a path, query or fragment, which a mail server has no use for."
              + EXAMPLE);
    }
    boolean implicitTls = scheme.equals("smtps");
    int port = uri.getPort() == -1 ? (implicitTls ? 465 : 25) : uri.getPort();
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the port is not from 1 to 65535." + EXAMPLE);
    }
    Optional<Credentials> credentials =
        Optional.ofNullable(uri.getRawUserInfo()).map(SmtpSettings::credentials);
    Security security =
        implicitTls
            ? Security.IMPLICIT_TLS
            : port == SUBMISSION_PORT || credentials.isPresent()
                ? Security.STARTTLS_REQUIRED
                : Security.STARTTLS_IF_OFFERED;
    return new SmtpSettings(
        uri.getHost().toLowerCase(Locale.ROOT), port, security, credentials, sender(from));
  }

  /** The server as logs and start-up messages may show it: scheme, host and port, no user. */
  public String server() {
    return (security == Security.IMPLICIT_TLS ? "smtps://" : "smtp://") + host + ":" + port;
  }

  @Override
  public String toString() {
    return "SmtpSettings[server=%s, security=%s, user=%s, from=%s]"
        .formatted(server(), security, credentials.map(Credentials::user).orElse("(none)"), from);
  }

  private static Credentials credentials(String rawUserInfo) {
    int colon = rawUserInfo.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "the address names a user but no password (user:password@host)." + EXAMPLE);
    }
    String user = percentDecoded(rawUserInfo.substring(0, colon));
    String password = percentDecoded(rawUserInfo.substring(colon + 1));
    if (user.isEmpty() || password.isEmpty()) {
      throw new IllegalArgumentException(
          "the user and the password in the address must not be empty." + EXAMPLE);
    }
    if (hasControlCharacter(user) || hasControlCharacter(password)) {
      throw new IllegalArgumentException(
          "the user or password in the address contains control characters." + EXAMPLE);
    }
    return new Credentials(user, password);
  }

  // Not URLDecoder: in a URL's user information a '+' is a plus, not a space.
  private static String percentDecoded(String raw) {
    var bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= raw.length()
          || !HexFormat.isHexDigit(raw.charAt(i + 1))
          || !HexFormat.isHexDigit(raw.charAt(i + 2))) {
        throw new IllegalArgumentException(
            "the user or password in the address has a % not followed by two hex digits."
                + EXAMPLE);
      }
      bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "the user or password in the address is not UTF-8 once decoded." + EXAMPLE);
    }
  }

  private static String sender(String from) {
    String value = from.strip();
    String problem =
        " Give one address, such as panel@example.com or SupportPro <panel@example.com>.";
    if (value.isEmpty() || value.length() > 320 || hasControlCharacter(value)) {
      throw new SenderException(
          "the sender is empty, too long or has control characters." + problem);
    }
    try {
      InternetAddress[] parsed = InternetAddress.parse(value, true);
      if (parsed.length != 1 || parsed[0].getAddress().indexOf('@') < 1) {
        throw new SenderException("this is not one e-mail address." + problem);
      }
      parsed[0].validate();
      return parsed[0].toUnicodeString();
    } catch (AddressException e) {
      throw new SenderException("this is not a valid e-mail address." + problem);
    }
  }

  /** The sender's address, rather than the server's, is what cannot be used. */
  public static final class SenderException extends IllegalArgumentException {
    SenderException(String message) {
      super(message);
    }
  }

  private static boolean hasControlCharacter(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || c == '\u2028'
                    || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT);
  }
}
