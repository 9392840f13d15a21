package io.supportpro.bootstrap;

import io.supportpro.adapter.in.web.MetricsEndpoint;
import io.supportpro.adapter.in.web.WebServer;
import io.supportpro.adapter.in.web.WebServerException;
import io.supportpro.adapter.in.web.WebSettings;
import io.supportpro.adapter.in.web.WebUseCases;
import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import io.supportpro.adapter.out.crypto.Argon2PasswordHasher;
import io.supportpro.adapter.out.crypto.SecretKeyException;
import io.supportpro.adapter.out.duo.DuoGateway;
import io.supportpro.adapter.out.duo.DuoSdkGateway;
import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.adapter.out.mail.SmtpMailer;
import io.supportpro.adapter.out.persistence.DatabaseSettings;
import io.supportpro.adapter.out.persistence.DatabaseUnavailableException;
import io.supportpro.adapter.out.persistence.MigrationReport;
import io.supportpro.adapter.out.persistence.Persistence;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.Stores;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that names concrete adapters, choosing them from the
 * configuration, and wires them into the services.
 */
final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(5);
  private static final Duration MAILING_GRACE = Duration.ofSeconds(10);

  private final Persistence persistence;
  private final Services services;
  private final WebServer web;
  private final ScheduledExecutorService housekeeping;
  private final Optional<ServiceMetrics> metrics;

  private Application(
      Persistence persistence,
      Services services,
      WebServer web,
      ScheduledExecutorService housekeeping,
      Optional<ServiceMetrics> metrics) {
    this.persistence = persistence;
    this.services = services;
    this.web = web;
    this.housekeeping = housekeeping;
    this.metrics = metrics;
  }

  /** Opens (and migrates) the database and starts serving the panel, with Duo as it is. */
  static Application serve(Configuration config) {
    return start(config, DuoSdkGateway.withDefaults(config.duoAllowedHosts()));
  }

  /**
   * Opens (and migrates) the database and starts serving the panel with this Duo gateway, which
   * should allow the same hosts as the configuration.
   */
  static Application start(Configuration config, DuoGateway duo) {
    AesGcmSecretCipher cipher = secretCipher(config);
    Persistence persistence = openPersistence(config);
    Optional<ServiceMetrics> metrics = Optional.empty();
    try {
      // Without a token nobody may read metrics, so none are collected.
      metrics = config.metricsToken().map(token -> new ServiceMetrics());
      // The Duo plugin checks settings against the hosts this server allows, which only the
      // configuration knows, and talks to Duo through the gateway given: it takes the place of the
      // class path's instance.
      var catalog =
          new ServiceLoaderPluginCatalog(
              Application.class.getClassLoader(),
              List.of(new DuoSecurityPlugin(duo, config.duoAllowedHosts())));
      Stores stores = persistence.stores();
      AuditLog audit = metrics.map(m -> m.counting(stores.auditLog())).orElse(stores.auditLog());
      Services services =
          Services.compose(
              stores,
              audit,
              cipher,
              passwordHasher(),
              catalog,
              mailer(config),
              config.publicUrl(),
              config.auditRetention());
      var settings =
          new WebSettings(
              config.host(),
              config.port(),
              config.publicUrl(),
              cipher.deriveKey("form-signing"),
              config.trustedProxies(),
              config.mail().isPresent());
      Optional<MetricsEndpoint> endpoint =
          metrics.map(m -> new MetricsEndpoint(config.metricsToken().orElseThrow(), m::scrape));
      WebServer web = WebServer.start(settings, webUseCases(services), endpoint);
      logMail(config);
      return new Application(persistence, services, web, startHousekeeping(services), metrics);
    } catch (WebServerException e) {
      metrics.ifPresent(ServiceMetrics::close);
      persistence.close();
      throw new ConfigurationException(Configuration.PORT, e.getMessage());
    } catch (RuntimeException e) {
      metrics.ifPresent(ServiceMetrics::close);
      persistence.close();
      throw e;
    }
  }

  private static WebUseCases webUseCases(Services s) {
    return new WebUseCases(
        new WebUseCases.SignIn(
            s.sessions(),
            s.sessions(),
            s.sessions(),
            s.codeSignIn(),
            s.prompts(),
            s.prompts(),
            s.forgottenPassword(),
            s.forgottenPassword(),
            s.knownBrowsers()),
        new WebUseCases.Account(
            s.twoFactor(),
            s.twoFactor(),
            s.twoFactor(),
            s.twoFactor(),
            s.passwords(),
            s.manageSessions(),
            s.secondFactors(),
            s.timeZones(),
            s.languages()),
        new WebUseCases.Operators(
            s.listOperators(),
            s.createOperator(),
            s.changeOperator(),
            s.changeOperator(),
            s.changeOperator(),
            s.changeOperator(),
            s.passwords(),
            s.consequences(),
            s.consequences()),
        new WebUseCases.Panel(
            s.health(),
            s.forceTwoFactor(),
            s.throttles(),
            s.auditLog(),
            s.auditLog(),
            s.auditLog()),
        new WebUseCases.Plugins(
            s.plugins(),
            s.plugins(),
            s.plugins(),
            s.plugins(),
            s.plugins(),
            s.pluginSettings(),
            s.connectionTest(),
            s.pluginOperators(),
            s.consequences()));
  }

  // Expired sessions, abandoned prompt sign-ins and stale failure counts go every few minutes.
  private static ScheduledExecutorService startHousekeeping(Services services) {
    ScheduledExecutorService housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("supportpro-housekeeping").daemon().factory());
    housekeeping.scheduleWithFixedDelay(
        () -> {
          try {
            LOG.debug("Purged {} expired rows", services.purge().purge());
          } catch (RuntimeException e) {
            // The next round tries again; a failed purge only leaves rows a little longer.
            LOG.warn("Purging expired sessions failed: {}", e.toString());
          }
        },
        PURGE_INTERVAL.toSeconds(),
        PURGE_INTERVAL.toSeconds(),
        TimeUnit.SECONDS);
    return housekeeping;
  }

  /**
   * The cipher for secrets at rest, with the configured key or one kept in the data directory.
   *
   * @throws ConfigurationException naming the variable behind an unusable key
   */
  static AesGcmSecretCipher secretCipher(Configuration config) {
    try {
      return config.secretKey().isPresent()
          ? AesGcmSecretCipher.fromConfiguredKey(config.secretKey().get())
          : new AesGcmSecretCipher(
              SecretKeyFile.readOrCreate(DataDirectory.prepare(config.dataDirectory())));
    } catch (SecretKeyException e) {
      throw new ConfigurationException(
          config.secretKey().isPresent() ? Configuration.SECRET_KEY : Configuration.DATA_DIR,
          e.getMessage());
    }
  }

  /**
   * The plugins on the class path as they ship, for the command line: it changes only their
   * lifecycle, so it needs neither the configured Duo hosts nor a gateway.
   */
  static PluginCatalog installedPlugins() {
    return new ServiceLoaderPluginCatalog(Application.class.getClassLoader(), List.of());
  }

  /** The mailer over the configured SMTP server, or one that sends nothing. */
  static Mailer mailer(Configuration config) {
    return config.mail().<Mailer>map(SmtpMailer::forServer).orElseGet(Mailer::none);
  }

  // Said once the panel serves, with the server but never its password.
  private static void logMail(Configuration config) {
    config
        .mail()
        .ifPresentOrElse(
            mail -> LOG.info("Mail is on: through {} from {}", mail.server(), mail.from()),
            () ->
                LOG.info(
                    "Mail is off: {} is not set, so no e-mail is sent", Configuration.SMTP_URL));
  }

  /** The password hasher, for the panel and the command line alike. */
  static PasswordHasher passwordHasher() {
    return new Argon2PasswordHasher();
  }

  /**
   * The database chosen by the configuration, opened and migrated; its {@link Persistence#stores()}
   * are what the services are wired to.
   *
   * @throws ConfigurationException naming the variable that points at an unusable database
   */
  static Persistence openPersistence(Configuration config) {
    ChosenDatabase database = chooseDatabase(config);
    try {
      return Persistence.open(database.settings());
    } catch (DatabaseUnavailableException e) {
      throw new ConfigurationException(database.variable(), e.getMessage());
    }
  }

  /**
   * Brings the schema of the configured database up to date.
   *
   * @throws ConfigurationException naming the variable that points at an unusable database
   */
  static MigrationReport migrate(Configuration config) {
    ChosenDatabase database = chooseDatabase(config);
    try {
      return Persistence.migrate(database.settings());
    } catch (DatabaseUnavailableException e) {
      throw new ConfigurationException(database.variable(), e.getMessage());
    }
  }

  /** The database the stores live in, and the variable to name when it cannot be used. */
  private record ChosenDatabase(DatabaseSettings settings, String variable) {}

  /** The one place that chooses where the stores live, by the kind of database configured. */
  private static ChosenDatabase chooseDatabase(Configuration config) {
    return switch (config.database()) {
      case Configuration.Database.Embedded embedded ->
          new ChosenDatabase(
              DatabaseSettings.embeddedH2(DataDirectory.prepare(config.dataDirectory())),
              Configuration.DATA_DIR);
      case Configuration.Database.External external ->
          new ChosenDatabase(
              new DatabaseSettings(
                  external.url(), external.user(), external.password(), external.poolSize()),
              Configuration.DB_URL);
    };
  }

  /**
   * Lets the mail thread store and send what the last requests handed it, before the database
   * closes under it; what is still waiting after a few seconds is given up.
   */
  private void finishMailing() {
    services.mailing().shutdown();
    try {
      if (!services.mailing().awaitTermination(MAILING_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("Stopped with e-mails still waiting to be sent; they are not sent");
        services.mailing().shutdownNow();
      }
    } catch (InterruptedException e) {
      services.mailing().shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The services, for seeding a demonstration. */
  Services services() {
    return services;
  }

  /** The port the panel listens on. */
  int port() {
    return web.port();
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    try {
      web.close();
      finishMailing();
    } finally {
      metrics.ifPresent(ServiceMetrics::close);
      persistence.close();
    }
  }
}
