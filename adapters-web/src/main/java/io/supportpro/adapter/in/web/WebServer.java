package io.supportpro.adapter.in.web;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;
import io.javalin.security.Roles;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The operator panel's HTTP server: builds the routes and starts listening. */
public final class WebServer implements AutoCloseable {
  /** The largest request body accepted; a form of the panel is a few kilobytes. */
  static final long MAX_REQUEST_BYTES = 1_000_000;

  private final Javalin app;

  private WebServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts the server; {@code /metrics} exists only when a metrics endpoint is given.
   *
   * @throws WebServerException when it cannot listen on the configured address
   */
  public static WebServer start(
      WebSettings settings, WebUseCases useCases, Optional<MetricsEndpoint> metricsEndpoint) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(useCases, "useCases");
    Optional<MetricsController> metrics = metricsEndpoint.map(MetricsController::new);
    var cookies = new Cookies(settings.secure(), useCases.signIn().browsers());
    var formTokens = new FormTokens(settings.formSigningKey());
    var signInUseCases = useCases.signIn();
    var account = useCases.account();
    var operatorUseCases = useCases.operators();
    var panel = useCases.panel();
    var plugins = useCases.plugins();
    var guard =
        new RequestGuard(
            settings,
            signInUseCases.resumeSession(),
            panel.recordAuditEvent(),
            cookies,
            formTokens);
    var health = new HealthController(panel.health());
    var assets = new AssetsController();
    var prompts =
        new PromptController(
            signInUseCases.startPrompt(), signInUseCases.completePrompt(), plugins.list(), cookies);
    var signIn =
        new SignInController(
            signInUseCases.password(),
            signInUseCases.signOut(),
            prompts,
            cookies,
            formTokens,
            signInUseCases.forgotPassword());
    var forgotPassword =
        new ForgotPasswordController(
            signInUseCases.forgotPassword(), signInUseCases.resetByLink(), cookies, formTokens);
    var secondFactor = new SecondFactorController(signInUseCases.code(), plugins.list(), cookies);
    var enrolment = new EnrolmentController(account.enrolTotp(), signInUseCases.signOut(), cookies);
    var home = new HomeController();
    var accountPage =
        new AccountSecurityController(
            account.twoFactorStatus(),
            account.enrolTotp(),
            account.disableTotp(),
            account.regenerateRecoveryCodes(),
            account.pluginSecondFactor(),
            plugins.list(),
            cookies);
    var passwords =
        new PasswordController(
            account.changePassword(),
            operatorUseCases.resetPassword(),
            operatorUseCases.list(),
            cookies);
    var operators =
        new OperatorsController(
            operatorUseCases.list(),
            operatorUseCases.create(),
            operatorUseCases.update(),
            operatorUseCases.deactivate(),
            operatorUseCases.reactivate(),
            operatorUseCases.resetTwoFactor(),
            account.twoFactorStatus(),
            account.sessions(),
            operatorUseCases.resetPreview(),
            operatorUseCases.deactivationPreview(),
            plugins.list(),
            account.timeZone());
    var sessionsPage = new SessionsController(account.sessions(), account.timeZone());
    var settingsPage = new SettingsController(panel.forceTwoFactor());
    var auditPage =
        new AuditController(
            panel.queryAuditLog(),
            panel.exportAuditLog(),
            operatorUseCases.list(),
            account.timeZone());
    var timeZonePage = new TimeZoneController(account.timeZone());
    var languagePage = new LanguageController(account.language());
    var throttles = new ThrottlesController(panel.signInThrottles(), account.timeZone());
    var pluginsPage =
        new PluginsController(
            plugins.list(),
            plugins.install(),
            plugins.activate(),
            plugins.deactivate(),
            plugins.uninstall(),
            plugins.fallback());
    var pluginSettings =
        new PluginSettingsController(
            plugins.list(),
            plugins.configure(),
            plugins.testConnection(),
            settings.publicUrl(),
            new HeldSecrets(InstantSource.system()));
    var pluginOperators =
        new PluginOperatorsController(plugins.list(), plugins.operators(), plugins.fallback());
    var errors = new ErrorPages();
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.concurrency.useVirtualThreads = true;
              cfg.jetty.host = settings.host();
              cfg.jetty.port = settings.port();
              cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
              var clientAddress = new ClientAddress(settings.trustedProxies());
              cfg.contextResolver.ip =
                  ctx ->
                      clientAddress.resolve(
                          ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
              cfg.jetty.modifyServer(
                  server -> server.setErrorHandler(new JettyErrorPages(settings.secure())));
              cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
              // One address per page, so that links, redirects and the audit log all name it alike.
              cfg.router.caseInsensitiveRoutes = false;
              cfg.router.treatMultipleSlashesAsSingleSlash = false;
              cfg.fileRenderer(new ThymeleafRenderer());
              cfg.routes.before(ctx -> ctx.attribute(Pages.SENDS_EMAIL, settings.sendsEmail()));
              guard.register(cfg.routes);
              health.register(cfg.routes);
              metrics.ifPresent(m -> m.register(cfg.routes));
              assets.register(cfg.routes);
              signIn.register(cfg.routes);
              forgotPassword.register(cfg.routes);
              secondFactor.register(cfg.routes);
              enrolment.register(cfg.routes);
              home.register(cfg.routes);
              accountPage.register(cfg.routes);
              sessionsPage.register(cfg.routes);
              passwords.register(cfg.routes);
              timeZonePage.register(cfg.routes);
              languagePage.register(cfg.routes);
              operators.register(cfg.routes);
              settingsPage.register(cfg.routes);
              auditPage.register(cfg.routes);
              throttles.register(cfg.routes);
              pluginsPage.register(cfg.routes);
              pluginSettings.register(cfg.routes);
              pluginOperators.register(cfg.routes);
              prompts.register(cfg.routes);
              errors.register(cfg.routes);
            });
    answerHeadLikeGet(app);
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw new WebServerException(
          "cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + rootMessage(e)
              + ")",
          e);
    }
    return new WebServer(app);
  }

  /**
   * Gives every GET route a HEAD route with the same handler and access group. Javalin answers a
   * HEAD without a route of its own with the GET handler but with no route roles, so the guard
   * would treat it as a route that names none: the sign-in pages would send it to sign in, and an
   * administration page would let any signed-in operator through.
   */
  private static void answerHeadLikeGet(Javalin app) {
    var router = app.unsafe.internalRouter;
    router.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method == HandlerType.GET)
        .toList()
        .forEach(
            get ->
                router.addHttpEndpoint(
                    new Endpoint(
                        HandlerType.HEAD,
                        get.path,
                        get.handler,
                        Optional.ofNullable(get.metadata(Roles.class))
                            .<Set<EndpointMetadata>>map(Set::of)
                            .orElse(Set.of()))));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
  }

  /** The port the server listens on (useful when it was asked for port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
