package io.supportpro.bootstrap;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import io.supportpro.adapter.out.duo.DuoHosts;
import io.supportpro.adapter.out.mail.SmtpSettings;
import io.supportpro.adapter.out.persistence.DatabaseSettings;
import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The whole application running in this JVM on a real database, reached over HTTP. */
final class Panel implements AutoCloseable {
  static final String PASSWORD = "Correct-horse-battery-9";

  /** One key for every panel of a test, as instances sharing a database must have. */
  static final String SECRET_KEY = AesGcmSecretCipher.newKey();

  private final Application application;
  private final Configuration config;

  private Panel(Application application, Configuration config) {
    this.application = application;
    this.config = config;
  }

  /** A panel on a fresh database of the kind, talking to the shared Duo emulator. */
  static Panel start(Store store) {
    return start(store, List.of(), List.of());
  }

  /**
   * A panel on a fresh database of the kind, talking to the shared Duo emulator, that allows Duo at
   * these hosts too (as {@code SUPPORTPRO_DUO_ALLOWED_HOSTS} would).
   */
  static Panel start(Store store, List<String> moreDuoHosts) {
    return start(store, moreDuoHosts, List.of());
  }

  /**
   * A panel on a fresh database that believes {@code X-Forwarded-For} from these proxies, so that a
   * test on loopback can speak for clients at other addresses.
   */
  static Panel behindProxies(Store store, List<InetAddress> trustedProxies) {
    return start(store, List.of(), trustedProxies);
  }

  private static Panel start(
      Store store, List<String> moreDuoHosts, List<InetAddress> trustedProxies) {
    Path dataDirectory = Store.temporaryDataDirectory();
    // Duo sends the browser back to the public address, so it must carry the real port.
    int port = freePort();
    return start(
        store.freshDatabase(dataDirectory),
        dataDirectory,
        port,
        URI.create("http://127.0.0.1:" + port),
        trustedProxies,
        DuoEmulators.shared().hosts().and(moreDuoHosts));
  }

  /**
   * Another panel on the same database, as a second instance behind a load balancer: its own port,
   * the same public address.
   */
  Panel another() {
    return start(
        config.database(),
        config.dataDirectory(),
        freePort(),
        config.publicUrl(),
        config.trustedProxies(),
        config.duoAllowedHosts());
  }

  /**
   * Another panel on the same database that allows Duo at no host but Duo's own, as an instance
   * whose {@code SUPPORTPRO_DUO_ALLOWED_HOSTS} was left out.
   */
  Panel anotherAllowingOnlyDuosHosts() {
    return start(
        config.database(),
        config.dataDirectory(),
        freePort(),
        config.publicUrl(),
        config.trustedProxies(),
        DuoHosts.DUO_ONLY);
  }

  /** A panel on a fresh database of the kind that sends its e-mails through this server. */
  static Panel withMail(Store store, SmtpSettings mail) {
    Path dataDirectory = Store.temporaryDataDirectory();
    int port = freePort();
    return start(
        store.freshDatabase(dataDirectory),
        dataDirectory,
        port,
        URI.create("http://127.0.0.1:" + port),
        List.of(),
        DuoEmulators.shared().hosts(),
        Optional.of(mail));
  }

  private static Panel start(
      Configuration.Database database,
      Path dataDirectory,
      int port,
      URI publicUrl,
      List<InetAddress> trustedProxies,
      DuoHosts duoHosts) {
    return start(
        database, dataDirectory, port, publicUrl, trustedProxies, duoHosts, Optional.empty());
  }

  private static Panel start(
      Configuration.Database database,
      Path dataDirectory,
      int port,
      URI publicUrl,
      List<InetAddress> trustedProxies,
      DuoHosts duoHosts,
      Optional<SmtpSettings> mail) {
    var config =
        new Configuration(
            "127.0.0.1",
            port,
            publicUrl,
            dataDirectory,
            database,
            Optional.of(SECRET_KEY),
            trustedProxies,
            Optional.empty(),
            Configuration.DEFAULT_AUDIT_RETENTION,
            duoHosts,
            mail);
    return new Panel(Application.start(config, DuoEmulators.gateway(duoHosts)), config);
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The address of this instance (not necessarily the public one). */
  URI base() {
    return URI.create("http://127.0.0.1:" + application.port());
  }

  /** A new browser with no cookies. */
  Browser browser() {
    return new Browser(base());
  }

  /** The services, to seed data a test needs. */
  Services services() {
    return application.services();
  }

  /** Creates an operator with {@link #PASSWORD}. */
  Operator operator(String username, String role) {
    var created =
        services()
            .createOperator()
            .create(
                new CreateOperatorCommand(
                    Actor.system("test"),
                    username,
                    username + "@example.com",
                    "Test " + username,
                    role,
                    new Password(PASSWORD)));
    return ((CreateOperatorResult.Created) created).operator();
  }

  /** Counts rows with plain SQL, independently of the adapters. */
  long count(String sql, Object... parameters) {
    try (Connection connection = connection();
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text a plain SQL query answers in its first row and column. */
  String text(String sql) {
    try (Connection connection = connection();
        var statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a statement with plain SQL, for a state a test needs that no use case would write. */
  int execute(String sql, Object... parameters) {
    try (Connection connection = connection();
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connection connection() throws SQLException {
    return switch (config.database()) {
      case Configuration.Database.Embedded embedded -> {
        DatabaseSettings h2 = DatabaseSettings.embeddedH2(config.dataDirectory());
        yield DriverManager.getConnection(h2.jdbcUrl(), h2.user(), h2.password());
      }
      case Configuration.Database.External external ->
          DriverManager.getConnection(external.url(), external.user(), external.password());
    };
  }

  @Override
  public void close() {
    application.close();
  }
}
