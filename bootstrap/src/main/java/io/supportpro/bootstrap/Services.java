package io.supportpro.bootstrap;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.SecretCipher;
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
import io.supportpro.application.service.PurgeExpiredDataService;
import io.supportpro.application.service.SecondFactorRequirement;
import io.supportpro.application.service.SessionService;
import io.supportpro.application.service.SignInThrottlesService;
import io.supportpro.application.service.TimeZoneService;
import io.supportpro.application.service.TwoFactorService;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service of the application, wired to one set of adapters, and the thread that mails for
 * them.
 */
record Services(
    CheckHealthService health,
    SessionService sessions,
    TwoFactorService twoFactor,
    CodeSignInService codeSignIn,
    PromptSignInService prompts,
    PluginConnectionTestService connectionTest,
    CreateOperatorService createOperator,
    ChangeOperatorService changeOperator,
    PasswordService passwords,
    ListOperatorsService listOperators,
    ForceTwoFactorService forceTwoFactor,
    SignInThrottlesService throttles,
    AuditLogService auditLog,
    PluginLifecycleService plugins,
    PluginSettingsService pluginSettings,
    PluginOperatorsService pluginOperators,
    PurgeExpiredDataService purge,
    ManageSessionsService manageSessions,
    SecondFactorRequirement secondFactors,
    ForgottenPasswordService forgottenPassword,
    ConsequencesService consequences,
    KnownBrowserService knownBrowsers,
    TimeZoneService timeZones,
    LanguageService languages,
    ExecutorService mailing) {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);

  /**
   * Password reset links waiting to be stored and mailed; beyond these, requests are answered as
   * usual and audited as not sent, rather than queued without bound.
   */
  private static final int MAILS_WAITING = 1_000;

  /**
   * Wires the services to the stores, the audit log (the stores', or one that also counts) with its
   * retention, the secret cipher, the password hasher, the plugins and the mailer.
   */
  static Services compose(
      Stores stores,
      AuditLog audit,
      SecretCipher cipher,
      PasswordHasher hasher,
      PluginCatalog catalog,
      Mailer mailer,
      URI publicUrl,
      Duration auditRetention) {
    Clock clock = Clock.system();
    ThrottlePolicy throttle = ThrottlePolicy.DEFAULT;
    ExecutorService mailing = mailThread();
    SessionTimeouts timeouts = SessionTimeouts.DEFAULT;
    var secondFactors =
        new SecondFactorRequirement(
            catalog, stores.plugins(), stores.totpCredentials(), stores.panelSettings());
    var sessions =
        new SessionService(
            stores.operators(),
            hasher,
            stores.sessions(),
            stores.failedAttempts(),
            throttle,
            secondFactors,
            timeouts,
            audit,
            stores.unitOfWork(),
            clock);
    return new Services(
        new CheckHealthService(stores.healthProbe()),
        sessions,
        new TwoFactorService(
            sessions,
            stores.sessions(),
            stores.totpCredentials(),
            cipher,
            stores.panelSettings(),
            stores.failedAttempts(),
            throttle,
            audit,
            mailer,
            stores.operators(),
            clock),
        new CodeSignInService(
            sessions,
            stores.sessions(),
            stores.totpCredentials(),
            catalog,
            stores.plugins(),
            cipher,
            stores.failedAttempts(),
            throttle,
            audit,
            clock),
        new PromptSignInService(
            sessions,
            stores.sessions(),
            catalog,
            stores.plugins(),
            stores.pendingSignIns(),
            cipher,
            publicUrl,
            stores.failedAttempts(),
            throttle,
            audit,
            clock),
        new PluginConnectionTestService(catalog, stores.plugins(), cipher, publicUrl, audit, clock),
        createOperator(stores, audit, hasher),
        new ChangeOperatorService(
            stores.operators(), stores.sessions(), stores.totpCredentials(), audit, mailer, clock),
        passwords(stores, audit, hasher, mailer),
        new ListOperatorsService(stores.operators()),
        new ForceTwoFactorService(stores.panelSettings(), audit, clock),
        new SignInThrottlesService(
            stores.failedAttempts(), stores.operators(), throttle, audit, clock),
        new AuditLogService(audit, clock),
        new PluginLifecycleService(catalog, stores.plugins(), audit, clock),
        new PluginSettingsService(catalog, stores.plugins(), cipher, audit, clock),
        new PluginOperatorsService(
            catalog, stores.plugins(), stores.operators(), audit, mailer, clock),
        new PurgeExpiredDataService(
            stores.sessions(),
            stores.pendingSignIns(),
            stores.passwordResetLinks(),
            stores.failedAttempts(),
            stores.knownBrowsers(),
            audit,
            timeouts,
            throttle,
            auditRetention,
            clock),
        new ManageSessionsService(stores.sessions(), timeouts, audit, clock),
        secondFactors,
        new ForgottenPasswordService(
            stores.operators(),
            stores.passwordResetLinks(),
            hasher,
            PasswordPolicy.standard(),
            stores.sessions(),
            stores.failedAttempts(),
            throttle,
            mailer,
            mailing,
            publicUrl,
            audit,
            clock),
        new ConsequencesService(
            stores.operators(),
            catalog,
            stores.plugins(),
            stores.totpCredentials(),
            stores.panelSettings()),
        new KnownBrowserService(stores.operators(), stores.knownBrowsers(), mailer, mailing, clock),
        new TimeZoneService(stores.operators(), audit, clock),
        new LanguageService(stores.operators(), audit, clock),
        mailing);
  }

  /**
   * One thread that stores password reset links and sends the mails no page waits for, after the
   * request has been answered, so that the answer takes as long whether or not a mail goes out; it
   * ends when idle.
   */
  private static ExecutorService mailThread() {
    var executor =
        new ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAILS_WAITING),
            Thread.ofPlatform()
                .name("supportpro-mail")
                .daemon()
                .uncaughtExceptionHandler(
                    (thread, e) -> LOG.warn("Sending an e-mail failed: {}", e.toString()))
                .factory());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** The use cases of passwords, for the panel and the command line. */
  static PasswordService passwords(
      Stores stores, AuditLog audit, PasswordHasher hasher, Mailer mailer) {
    return new PasswordService(
        stores.operators(),
        hasher,
        PasswordPolicy.standard(),
        stores.sessions(),
        stores.passwordResetLinks(),
        stores.failedAttempts(),
        ThrottlePolicy.DEFAULT,
        audit,
        mailer,
        Clock.system());
  }

  /** The use case that creates operators, for the panel and the command line. */
  static CreateOperatorService createOperator(
      Stores stores, AuditLog audit, PasswordHasher hasher) {
    return new CreateOperatorService(
        stores.operators(), hasher, PasswordPolicy.standard(), audit, Clock.system());
  }
}
