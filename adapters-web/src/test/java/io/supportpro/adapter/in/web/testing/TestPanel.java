package io.supportpro.adapter.in.web.testing;

import io.supportpro.adapter.in.web.WebServer;
import io.supportpro.adapter.in.web.WebSettings;
import io.supportpro.adapter.in.web.WebUseCases;
import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.service.AuditLogService;
import io.supportpro.application.service.ChangeOperatorService;
import io.supportpro.application.service.CheckHealthService;
import io.supportpro.application.service.CodeSignInService;
import io.supportpro.application.service.ConsequencesService;
import io.supportpro.application.service.CreateOperatorService;
import io.supportpro.application.service.ForceTwoFactorService;
import io.supportpro.application.service.ForgottenPasswordService;
import io.supportpro.application.service.KnownBrowserService;
import io.supportpro.application.service.LanguageService;
import io.supportpro.application.service.ListOperatorsService;
import io.supportpro.application.service.ManageSessionsService;
import io.supportpro.application.service.PasswordService;
import io.supportpro.application.service.PluginConnectionTestService;
import io.supportpro.application.service.PluginLifecycleService;
import io.supportpro.application.service.PluginOperatorsService;
import io.supportpro.application.service.PluginSettingsService;
import io.supportpro.application.service.PromptSignInService;
import io.supportpro.application.service.SecondFactorRequirement;
import io.supportpro.application.service.SessionService;
import io.supportpro.application.service.SignInThrottlesService;
import io.supportpro.application.service.TimeZoneService;
import io.supportpro.application.service.TwoFactorService;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPendingSignIns;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.InMemoryStores;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.application.testing.RecordingMailer;
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
import java.util.function.UnaryOperator;

/**
 * The panel on a random port, wired with the real services over the in-memory stores and a clock
 * that tests move, seeded with an administrator ({@value #ADMIN}) and an operator ({@value
 * #OPERATOR}), both with the password {@value #PASSWORD}. It ships a {@link PromptPlugin} and a
 * {@link CodePlugin}, whose providers the tests script, and the {@link TestPlugins.Webhooks}.
 */
public final class TestPanel implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String OPERATOR = "olivia";
  public static final String PASSWORD = "velvet-Otter-42-marble";
  private static final byte[] FORM_KEY =
      "a test key that signs the sign-in form's tokens".getBytes(StandardCharsets.UTF_8);

  public final MutableClock clock = MutableClock.atStart();
  // Like the database's foreign keys, its pending sign-ins go with their plugin and session.
  private final Stores stores = InMemoryStores.create();
  public final InMemoryOperatorRepository operators =
      (InMemoryOperatorRepository) stores.operators();
  public final InMemorySessionStore sessions = (InMemorySessionStore) stores.sessions();
  public final InMemoryFailedAttempts failedAttempts =
      (InMemoryFailedAttempts) stores.failedAttempts();
  public final InMemoryTotpCredentials totp = (InMemoryTotpCredentials) stores.totpCredentials();
  public final InMemoryPanelSettings settings = (InMemoryPanelSettings) stores.panelSettings();
  public final InMemoryPluginRepository plugins = (InMemoryPluginRepository) stores.plugins();
  public final InMemoryAuditLog audit = (InMemoryAuditLog) stores.auditLog();
  public final InMemoryPendingSignIns pendingSignIns =
      (InMemoryPendingSignIns) stores.pendingSignIns();
  // Sends at once, on the request's thread, so that a test reads the mail as soon as it is
  // answered.
  public final RecordingMailer mailer = new RecordingMailer();
  public final PromptPlugin prompt = new PromptPlugin();
  public final CodePlugin code = new CodePlugin();
  public final WebUseCases useCases;
  private final CreateOperatorService createOperator;
  private final WebServer server;
  private final URI base;

  private TestPanel(URI publicUrl, UnaryOperator<WebUseCases> customise, boolean sendsEmail) {
    if (!sendsEmail) {
      mailer.answer(MailDelivery.NOT_CONFIGURED);
    }
    var hasher = new FakePasswordHasher();
    var cipher = new FakeSecretCipher();
    var catalog = new InMemoryPluginCatalog(List.of(prompt, code, new TestPlugins.Webhooks()));
    var throttle = ThrottlePolicy.DEFAULT;
    var secondFactors = new SecondFactorRequirement(catalog, plugins, totp, settings);
    var sessionService =
        new SessionService(
            operators,
            hasher,
            sessions,
            failedAttempts,
            throttle,
            secondFactors,
            SessionTimeouts.DEFAULT,
            audit,
            stores.unitOfWork(),
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
            mailer,
            operators,
            clock);
    var codes =
        new CodeSignInService(
            sessionService,
            sessions,
            totp,
            catalog,
            plugins,
            cipher,
            failedAttempts,
            throttle,
            audit,
            clock);
    var prompts =
        new PromptSignInService(
            sessionService,
            sessions,
            catalog,
            plugins,
            pendingSignIns,
            cipher,
            publicUrl,
            failedAttempts,
            throttle,
            audit,
            clock);
    var change = new ChangeOperatorService(operators, sessions, totp, audit, mailer, clock);
    var passwords =
        new PasswordService(
            operators,
            hasher,
            PasswordPolicy.standard(),
            sessions,
            stores.passwordResetLinks(),
            failedAttempts,
            throttle,
            audit,
            mailer,
            clock);
    var forgotten =
        new ForgottenPasswordService(
            operators,
            stores.passwordResetLinks(),
            hasher,
            PasswordPolicy.standard(),
            sessions,
            failedAttempts,
            throttle,
            mailer,
            Runnable::run,
            publicUrl,
            audit,
            clock);
    createOperator =
        new CreateOperatorService(operators, hasher, PasswordPolicy.standard(), audit, clock);
    var auditLog = new AuditLogService(audit, clock);
    var lifecycle = new PluginLifecycleService(catalog, plugins, audit, clock);
    var consequences = new ConsequencesService(operators, catalog, plugins, totp, settings);
    useCases =
        customise.apply(
            new WebUseCases(
                new WebUseCases.SignIn(
                    sessionService,
                    sessionService,
                    sessionService,
                    codes,
                    prompts,
                    prompts,
                    forgotten,
                    forgotten,
                    new KnownBrowserService(
                        operators, stores.knownBrowsers(), mailer, Runnable::run, clock)),
                new WebUseCases.Account(
                    twoFactor,
                    twoFactor,
                    twoFactor,
                    twoFactor,
                    passwords,
                    new ManageSessionsService(sessions, SessionTimeouts.DEFAULT, audit, clock),
                    secondFactors,
                    new TimeZoneService(operators, audit, clock),
                    new LanguageService(operators, audit, clock)),
                new WebUseCases.Operators(
                    new ListOperatorsService(operators),
                    createOperator,
                    change,
                    change,
                    change,
                    change,
                    passwords,
                    consequences,
                    consequences),
                new WebUseCases.Panel(
                    new CheckHealthService(stores.healthProbe()),
                    new ForceTwoFactorService(settings, audit, clock),
                    new SignInThrottlesService(failedAttempts, operators, throttle, audit, clock),
                    auditLog,
                    auditLog,
                    auditLog),
                new WebUseCases.Plugins(
                    lifecycle,
                    lifecycle,
                    lifecycle,
                    lifecycle,
                    lifecycle,
                    new PluginSettingsService(catalog, plugins, cipher, audit, clock),
                    new PluginConnectionTestService(
                        catalog, plugins, cipher, publicUrl, audit, clock),
                    new PluginOperatorsService(catalog, plugins, operators, audit, mailer, clock),
                    consequences)));
    create(ADMIN, "administrator");
    create(OPERATOR, "operator");
    server =
        WebServer.start(
            new WebSettings("127.0.0.1", 0, publicUrl, FORM_KEY, List.of(), sendsEmail),
            useCases,
            Optional.empty());
    base = URI.create("http://127.0.0.1:" + server.port());
  }

  /** The panel as reached over plain http. */
  public static TestPanel start() {
    return new TestPanel(URI.create("http://localhost"), UnaryOperator.identity(), true);
  }

  /** The panel as reached at the public address, such as an https one. */
  public static TestPanel start(URI publicUrl) {
    return new TestPanel(publicUrl, UnaryOperator.identity(), true);
  }

  /** The panel with some use cases replaced, for instance by one that fails. */
  public static TestPanel start(UnaryOperator<WebUseCases> customise) {
    return new TestPanel(URI.create("http://localhost"), customise, true);
  }

  /** The panel of an installation without a mail server: its mailer sends nothing. */
  public static TestPanel startWithoutMail() {
    return new TestPanel(URI.create("http://localhost"), UnaryOperator.identity(), false);
  }

  /** A new browser with no cookies. */
  public Browser browser() {
    return new Browser(base);
  }

  /** A new browser signed in as this operator with the password {@value #PASSWORD}. */
  public Browser signedIn(String username) {
    Browser browser = browser();
    Response answer = PanelSteps.signIn(browser, username, PASSWORD);
    if (answer.status() != 303) {
      throw new AssertionError("cannot sign in as " + username + ": " + answer.status());
    }
    return browser;
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
