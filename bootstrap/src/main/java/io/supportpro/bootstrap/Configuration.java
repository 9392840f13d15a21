package io.supportpro.bootstrap;

import io.supportpro.adapter.in.web.ClientAddress;
import io.supportpro.adapter.out.duo.DuoHosts;
import io.supportpro.adapter.out.mail.SmtpSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of one SupportPro process, read from {@code SUPPORTPRO_*} environment variables.
 * Every variable and its default is listed in the README.
 */
record Configuration(
    String host,
    int port,
    URI publicUrl,
    Path dataDirectory,
    Database database,
    Optional<String> secretKey,
    List<InetAddress> trustedProxies,
    Optional<String> metricsToken,
    Duration auditRetention,
    DuoHosts duoAllowedHosts,
    Optional<SmtpSettings> mail) {

  /** Where the data lives. */
  sealed interface Database {
    /** An H2 file database inside the data directory: nothing to install. */
    record Embedded() implements Database {}

    /** A PostgreSQL server reached over JDBC. */
    record External(String url, String user, String password, int poolSize) implements Database {
      @Override
      public String toString() {
        return "External[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
      }
    }
  }

  static final String PORT = "SUPPORTPRO_PORT";
  static final String HOST = "SUPPORTPRO_HOST";
  static final String PUBLIC_URL = "SUPPORTPRO_PUBLIC_URL";
  static final String DATA_DIR = "SUPPORTPRO_DATA_DIR";
  static final String DB_URL = "SUPPORTPRO_DB_URL";
  static final String DB_USER = "SUPPORTPRO_DB_USER";
  static final String DB_PASSWORD = "SUPPORTPRO_DB_PASSWORD";
  static final String DB_POOL_SIZE = "SUPPORTPRO_DB_POOL_SIZE";
  static final String SECRET_KEY = "SUPPORTPRO_SECRET_KEY";
  static final String TRUSTED_PROXIES = "SUPPORTPRO_TRUSTED_PROXIES";
  static final String METRICS_TOKEN = "SUPPORTPRO_METRICS_TOKEN";
  static final String AUDIT_RETENTION_DAYS = "SUPPORTPRO_AUDIT_RETENTION_DAYS";
  static final String DUO_ALLOWED_HOSTS = DuoHosts.VARIABLE;
  static final String SMTP_URL = "SUPPORTPRO_SMTP_URL";
  static final String SMTP_FROM = "SUPPORTPRO_SMTP_FROM";

  /** How long audit entries are kept unless configured otherwise: a year and a month or so. */
  static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(400);

  // Printable ASCII without spaces: what an Authorization header carries unaltered.
  private static final Pattern TOKEN = Pattern.compile("[!-~]{32,512}");

  @Override
  public String toString() {
    return ("Configuration[host=%s, port=%d, publicUrl=%s, dataDirectory=%s, database=%s,"
            + " trustedProxies=%s, auditRetention=%s, duoAllowedHosts=%s, mail=%s]")
        .formatted(
            host,
            port,
            publicUrl,
            dataDirectory,
            database,
            trustedProxies,
            auditRetention,
            duoAllowedHosts.listed(),
            mail.map(SmtpSettings::toString).orElse("off"));
  }

  /**
   * Reads the configuration from the environment.
   *
   * @throws ConfigurationException naming the first variable that is unusable
   */
  static Configuration fromEnvironment(Map<String, String> env) {
    int port = integer(env, PORT, 8080, 0, 65_535);
    String host = text(env, HOST).orElse("0.0.0.0");
    URI publicUrl = publicUrl(text(env, PUBLIC_URL).orElse("http://localhost:" + port));
    Path dataDirectory = path(text(env, DATA_DIR).orElse("data"));
    Database database =
        text(env, DB_URL)
            .<Database>map(
                url ->
                    new Database.External(
                        jdbcUrl(url),
                        text(env, DB_USER).orElse(""),
                        env.getOrDefault(DB_PASSWORD, ""),
                        integer(env, DB_POOL_SIZE, 10, 1, 200)))
            .orElseGet(Database.Embedded::new);
    return new Configuration(
        host,
        port,
        publicUrl,
        dataDirectory,
        database,
        text(env, SECRET_KEY),
        trustedProxies(text(env, TRUSTED_PROXIES).orElse("")),
        text(env, METRICS_TOKEN).map(Configuration::metricsToken),
        // Up to a hundred years: as good as keeping everything, for those who must.
        Duration.ofDays(
            integer(env, AUDIT_RETENTION_DAYS, (int) DEFAULT_AUDIT_RETENTION.toDays(), 1, 36_500)),
        duoAllowedHosts(text(env, DUO_ALLOWED_HOSTS).orElse("")),
        mail(text(env, SMTP_URL), text(env, SMTP_FROM)));
  }

  private static Optional<SmtpSettings> mail(Optional<String> url, Optional<String> from) {
    if (url.isEmpty() && from.isEmpty()) {
      return Optional.empty();
    }
    if (url.isEmpty()) {
      throw new ConfigurationException(
          SMTP_URL,
          "is needed with %s: set both to send e-mail, or neither to send none."
              .formatted(SMTP_FROM));
    }
    if (from.isEmpty()) {
      throw new ConfigurationException(
          SMTP_FROM,
          "is needed with %s: the address the panel's e-mails come from, such as"
                  .formatted(SMTP_URL)
              + " SupportPro <panel@example.com>.");
    }
    try {
      return Optional.of(SmtpSettings.parse(url.get(), from.get()));
    } catch (SmtpSettings.SenderException e) {
      throw new ConfigurationException(SMTP_FROM, e.getMessage());
    } catch (IllegalArgumentException e) {
      // The adapter's message never repeats the address, which may hold a password.
      throw new ConfigurationException(SMTP_URL, e.getMessage());
    }
  }

  private static DuoHosts duoAllowedHosts(String value) {
    try {
      return DuoHosts.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          DUO_ALLOWED_HOSTS,
          e.getMessage()
              + " List the host names Duo may be reached at besides Duo's own, separated by"
              + " commas.");
    }
  }

  private static String metricsToken(String value) {
    if (!TOKEN.matcher(value).matches()) {
      // The value is a secret: its length may be told, never its text.
      throw new ConfigurationException(
          METRICS_TOKEN,
          ("needs 32 to 512 printable characters without spaces (this one has %d); use a random"
                  + " token such as the output of `openssl rand -hex 32`.")
              .formatted(value.length()));
    }
    return value;
  }

  private static Optional<String> text(Map<String, String> env, String variable) {
    return Optional.ofNullable(env.get(variable)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int integer(
      Map<String, String> env, String variable, int fallback, int min, int max) {
    Optional<String> value = text(env, variable);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below with the allowed range
    }
    throw new ConfigurationException(
        variable,
        "\"%s\" is not a whole number from %d to %d.".formatted(printable(value.get()), min, max));
  }

  private static URI publicUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        String path = Optional.ofNullable(uri.getPath()).orElse("");
        return new URI(
            scheme, null, uri.getHost(), uri.getPort(), path.replaceAll("/+$", ""), null, null);
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw new ConfigurationException(
        PUBLIC_URL,
        "\"%s\" is not an http or https address such as https://help.example.com."
            .formatted(printable(value)));
  }

  private static Path path(String value) {
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigurationException(
          DATA_DIR, "\"%s\" is not a directory path.".formatted(printable(value)));
    }
  }

  private static List<InetAddress> trustedProxies(String value) {
    List<InetAddress> proxies = new ArrayList<>();
    for (String entry : value.split("[\\s,]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      proxies.add(
          ClientAddress.literal(entry)
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          TRUSTED_PROXIES,
                          ("\"%s\" is not an IP address; list the proxies' addresses, such as"
                                  + " 10.0.0.5, 10.0.0.6.")
                              .formatted(printable(entry)))));
    }
    return List.copyOf(proxies);
  }

  private static String jdbcUrl(String value) {
    if (!value.startsWith("jdbc:postgresql:")) {
      throw new ConfigurationException(
          DB_URL,
          // Not repeated: a URL such as postgres://user:password@db carries a password.
          "this is not a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/supportpro (the"
              + " user and password go in SUPPORTPRO_DB_USER and SUPPORTPRO_DB_PASSWORD).");
    }
    return value;
  }

  // Configuration values end up in one-line error messages; keep them on one line.
  private static String printable(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 100 ? oneLine.substring(0, 100) + "..." : oneLine;
  }
}
