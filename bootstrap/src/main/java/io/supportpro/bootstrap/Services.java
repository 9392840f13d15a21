package io.supportpro.bootstrap;

import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import io.supportpro.adapter.out.crypto.Argon2PasswordHasher;
import io.supportpro.adapter.out.persistence.Persistence;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.DuoGateway;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.port.out.PluginCatalog;
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
import io.supportpro.application.service.PurgeExpiredDataService;
import io.supportpro.application.service.SecondFactorRequirement;
import io.supportpro.application.service.SessionService;
import io.supportpro.application.service.SignInThrottlesService;
import io.supportpro.application.service.TwoFactorService;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.net.URI;
import java.time.Duration;

/** Every service of the application, wired to one set of adapters. */
record Services(
    CheckHealthService health,
    SessionService sessions,
    TwoFactorService twoFactor,
    DuoSignInService duo,
    DuoConnectionTestService duoConnectionTest,
    CreateOperatorService createOperator,
    ChangeOperatorService changeOperator,
    ListOperatorsService listOperators,
    ForceTwoFactorService forceTwoFactor,
    SignInThrottlesService throttles,
    AuditLogService auditLog,
    PluginLifecycleService plugins,
    PluginSettingsService pluginSettings,
    PluginOperatorsService pluginOperators,
    PurgeExpiredDataService purge) {

  /** The path Duo sends the browser back to, under the panel's public address. */
  static final String DUO_CALLBACK_PATH = "/duo/callback";

  /**
   * Wires the services to the database, the audit log (the database's, or one that also counts)
   * with its retention, the secret cipher, the plugins and Duo.
   */
  static Services compose(
      Persistence persistence,
      AuditLog audit,
      AesGcmSecretCipher cipher,
      PluginCatalog catalog,
      DuoGateway duoGateway,
      URI publicUrl,
      Duration auditRetention) {
    Clock clock = Clock.system();
    PasswordHasher hasher = new Argon2PasswordHasher();
    ThrottlePolicy throttle = ThrottlePolicy.DEFAULT;
    SessionTimeouts timeouts = SessionTimeouts.DEFAULT;
    URI callbackUri = URI.create(publicUrl + DUO_CALLBACK_PATH);
    var sessions =
        new SessionService(
            persistence.operators(),
            hasher,
            persistence.sessions(),
            persistence.failedAttempts(),
            throttle,
            new SecondFactorRequirement(
                persistence.plugins(), persistence.totpCredentials(), persistence.panelSettings()),
            timeouts,
            audit,
            clock);
    return new Services(
        new CheckHealthService(persistence.healthProbe()),
        sessions,
        new TwoFactorService(
            sessions,
            persistence.sessions(),
            persistence.totpCredentials(),
            cipher,
            persistence.panelSettings(),
            persistence.failedAttempts(),
            throttle,
            audit,
            clock),
        new DuoSignInService(
            sessions,
            persistence.sessions(),
            persistence.plugins(),
            persistence.pendingSignIns(),
            duoGateway,
            cipher,
            callbackUri,
            persistence.failedAttempts(),
            throttle,
            audit,
            clock),
        new DuoConnectionTestService(
            catalog, persistence.plugins(), duoGateway, cipher, callbackUri, audit, clock),
        createOperator(persistence, audit, hasher),
        new ChangeOperatorService(
            persistence.operators(),
            persistence.sessions(),
            persistence.totpCredentials(),
            audit,
            clock),
        new ListOperatorsService(persistence.operators()),
        new ForceTwoFactorService(persistence.panelSettings(), audit, clock),
        new SignInThrottlesService(
            persistence.failedAttempts(), persistence.operators(), throttle, audit, clock),
        new AuditLogService(audit, clock),
        new PluginLifecycleService(catalog, persistence.plugins(), audit, clock),
        new PluginSettingsService(catalog, persistence.plugins(), cipher, audit, clock),
        new PluginOperatorsService(
            catalog, persistence.plugins(), persistence.operators(), audit, clock),
        new PurgeExpiredDataService(
            persistence.sessions(),
            persistence.pendingSignIns(),
            persistence.failedAttempts(),
            audit,
            timeouts,
            throttle,
            auditRetention,
            clock));
  }

  /** The use case that creates operators, for the panel and the command line. */
  static CreateOperatorService createOperator(
      Persistence persistence, AuditLog audit, PasswordHasher hasher) {
    return new CreateOperatorService(
        persistence.operators(), hasher, PasswordPolicy.standard(), audit, Clock.system());
  }
}
