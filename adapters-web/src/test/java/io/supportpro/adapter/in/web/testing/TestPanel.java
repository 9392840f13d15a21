package io.supportpro.adapter.in.web.testing;

import io.supportpro.adapter.in.web.WebServer;
import io.supportpro.adapter.in.web.WebSettings;
import io.supportpro.adapter.in.web.WebUseCases;
import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.out.DuoConnection;
import io.supportpro.application.port.out.DuoGateway;
import io.supportpro.application.service.AuditLogService;
import io.supportpro.application.service.ChangeOperatorService;
import io.supportpro.application.service.CheckHealthService;
import io.supportpro.application.service.CreateOperatorService;
import io.supportpro.application.service.DuoConnectionTestService;
import io.supportpro.application.service.DuoSignInService;
import io.supportpro.application.service.ForceTwoFactorService;
import io.supportpro.application.service.ListOperatorsService;
import io.supportpro.application.service.PluginLifecycleService;
import io.supportpro.application.service.PluginOperatorsService;
import io.supportpro.application.service.PluginSettingsService;
import io.supportpro.application.service.SecondFactorRequirement;
import io.supportpro.application.service.SessionService;
import io.supportpro.application.service.SignInThrottlesService;
import io.supportpro.application.service.TwoFactorService;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryDuoGateway;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPendingSignIns;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The panel on a random port, wired with the real services over the in-memory adapters and a clock
 * that tests move, seeded with an administrator ({@value #ADMIN}) and an operator ({@value
 * #OPERATOR}), both with the password {@value #PASSWORD}. It ships the {@link TestPlugins} and an
 * in-memory Duo that accepts the client {@value #DUO_CLIENT_ID} with {@value #DUO_CLIENT_SECRET}.
 */
public final class TestPanel implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String OPERATOR = "olivia";
  public static final String PASSWORD = "velvet-Otter-42-marble";
  public static final String DUO_CLIENT_ID = "DIWEBTEST0123456789A";
  public static final String DUO_CLIENT_SECRET = "s3cr3tWebDuoSecretValue0123456789abcdefX";
  private static final byte[] FORM_KEY =
      "a test key that signs the sign-in form's tokens".getBytes(StandardCharsets.UTF_8);

  public final MutableClock clock = MutableClock.atStart();
  public final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  public final InMemorySessionStore sessions = new InMemorySessionStore();
  public final InMemoryFailedAttempts failedAttempts = new InMemoryFailedAttempts();
  public final InMemoryTotpCredentials totp = new InMemoryTotpCredentials();
  public final InMemoryPanelSettings settings = new InMemoryPanelSettings();
  public final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  public final InMemoryAuditLog audit = new InMemoryAuditLog();
  public final InMemoryDuoGateway duo = new InMemoryDuoGateway(DUO_CLIENT_ID, DUO_CLIENT_SECRET);

  /**
   * Rewrites what the in-memory Duo answers when a code is exchanged, for answers it never gives on
   * its own, such as a verified answer for another user.
   */
  public final AtomicReference<UnaryOperator<DuoGateway.Result>> duoExchange =
      new AtomicReference<>(UnaryOperator.identity());

  // Like the database's foreign keys: a pending sign-in goes with its plugin and its session.
  public final InMemoryPendingSignIns pendingSignIns =
      new InMemoryPendingSignIns(
          p -> plugins.state(p.plugin()).isInstalled() && sessions.find(p.session()).isPresent());
  public final WebUseCases useCases;
  private final CreateOperatorService createOperator;
  private final WebServer server;
  private final URI base;

  private TestPanel(URI publicUrl, UnaryOperator<WebUseCases> customise) {
    var hasher = new FakePasswordHasher();
    var cipher = new FakeSecretCipher();
    var catalog =
        new InMemoryPluginCatalog(
            List.of(new TestPlugins.DuoSecurity(), new TestPlugins.Webhooks()));
    var throttle = ThrottlePolicy.DEFAULT;
    var sessionService =
        new SessionService(
            operators,
            hasher,
            sessions,
            failedAttempts,
            throttle,
            new SecondFactorRequirement(plugins, totp, settings),
            SessionTimeouts.DEFAULT,
            audit,
            clock);
    var twoFactor =
        new TwoFactorService(
            sessionService,
            sessions,
            totp,
            cipher,
            settings,
            failedAttempts,
            throttle,
            audit,
            clock);
    var change = new ChangeOperatorService(operators, sessions, totp, audit, clock);
    createOperator =
        new CreateOperatorService(operators, hasher, PasswordPolicy.standard(), audit, clock);
    var auditLog = new AuditLogService(audit, clock);
    var lifecycle = new PluginLifecycleService(catalog, plugins, audit, clock);
    URI callback = URI.create(publicUrl + "/duo/callback");
    var duoSignIn =
        new DuoSignInService(
            sessionService,
            sessions,
            plugins,
            pendingSignIns,
            steerable(),
            cipher,
            callback,
            failedAttempts,
            throttle,
            audit,
            clock);
    useCases =
        customise.apply(
            new WebUseCases(
                new CheckHealthService(() -> true),
                sessionService,
                sessionService,
                sessionService,
                twoFactor,
                twoFactor,
                twoFactor,
                twoFactor,
                twoFactor,
                new ListOperatorsService(operators),
                createOperator,
                change,
                change,
                change,
                change,
                new ForceTwoFactorService(settings, audit, clock),
                new SignInThrottlesService(failedAttempts, operators, throttle, audit, clock),
                auditLog,
                auditLog,
                lifecycle,
                lifecycle,
                lifecycle,
                lifecycle,
                lifecycle,
                new PluginSettingsService(catalog, plugins, cipher, audit, clock),
                new PluginOperatorsService(catalog, plugins, operators, audit, clock),
                new DuoConnectionTestService(
                    catalog, plugins, steerable(), cipher, callback, audit, clock),
                duoSignIn,
                duoSignIn));
    create(ADMIN, "administrator");
    create(OPERATOR, "operator");
    server =
        WebServer.start(
            new WebSettings("127.0.0.1", 0, publicUrl, FORM_KEY), useCases, Optional.empty());
    base = URI.create("http://127.0.0.1:" + server.port());
  }

  private DuoGateway steerable() {
    return new DuoGateway() {
      @Override
      public Health healthCheck(DuoConnection connection) {
        return duo.healthCheck(connection);
      }

      @Override
      public Prompt prompt(DuoConnection connection, String username, String state) {
        return duo.prompt(connection, username, state);
      }

      @Override
      public Result exchange(DuoConnection connection, String code, String username) {
        return duoExchange.get().apply(duo.exchange(connection, code, username));
      }
    };
  }

  /** The panel as reached over plain http. */
  public static TestPanel start() {
    return new TestPanel(URI.create("http://localhost"), UnaryOperator.identity());
  }

  /** The panel as reached at the public address, such as an https one. */
  public static TestPanel start(URI publicUrl) {
    return new TestPanel(publicUrl, UnaryOperator.identity());
  }

  /** The panel with some use cases replaced, for instance by one that fails. */
  public static TestPanel start(UnaryOperator<WebUseCases> customise) {
    return new TestPanel(URI.create("http://localhost"), customise);
  }

  /** A new browser with no cookies. */
  public Browser browser() {
    return new Browser(base);
  }

  /** Where the panel listens. */
  public URI base() {
    return base;
  }

  /** Creates an operator with the password {@value #PASSWORD}. */
  public Operator create(String username, String role) {
    var result =
        createOperator.create(
            new CreateOperatorCommand(
                Actor.system("test"),
                username,
                username + "@example.com",
                "Operator " + username,
                role,
                new Password(PASSWORD)));
    return switch (result) {
      case CreateOperatorResult.Created created -> created.operator();
      case CreateOperatorResult.Invalid invalid ->
          throw new IllegalArgumentException(invalid.problems().toString());
    };
  }

  /** The operator with this username. */
  public Operator operator(String username) {
    return operators.findAccount(username).orElseThrow().operator();
  }

  @Override
  public void close() {
    server.close();
  }
}
