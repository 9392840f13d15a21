package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.CodeCommand;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.DisableTotpUseCase;
import io.supportpro.application.port.in.EnrolTotpUseCase;
import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.RegenerateRecoveryCodesUseCase;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.in.TotpSetup;
import io.supportpro.application.port.in.TwoFactorStatus;
import io.supportpro.application.port.in.ViewTwoFactorStatusUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.application.service.AccountNotices.SecondFactorChange;
import io.supportpro.domain.Problem;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.secondfactor.RecoveryCode;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's own authenticator app: enrolling it, new recovery codes, turning it off, and its
 * status. One family, since each confirms with a code from the same enrolment.
 */
public final class TwoFactorService
    implements EnrolTotpUseCase,
        DisableTotpUseCase,
        RegenerateRecoveryCodesUseCase,
        ViewTwoFactorStatusUseCase {
  /** The name authenticator apps show above the codes. */
  public static final String ISSUER = "SupportPro";

  /** How long a begun set-up may wait for its first code, as long as a half-finished sign-in. */
  public static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

  private final ResumeSessionUseCase sessions;
  private final SessionStore sessionStore;
  private final TotpCredentials credentials;
  private final SecretCipher cipher;
  private final PanelSettings settings;
  private final TotpCodes codes;
  private final CodeAttempts attempts;
  private final SignInCompletion completion;
  private final AuditLog audit;
  private final AccountNotices notices;
  private final Clock clock;

  public TwoFactorService(
      ResumeSessionUseCase sessions,
      SessionStore sessionStore,
      TotpCredentials credentials,
      SecretCipher cipher,
      PanelSettings settings,
      FailedAttempts failedAttempts,
      ThrottlePolicy throttlePolicy,
      AuditLog audit,
      Mailer mailer,
      OperatorRepository operators,
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.sessionStore = requireNonNull(sessionStore, "sessionStore");
    this.credentials = requireNonNull(credentials, "credentials");
    this.cipher = requireNonNull(cipher, "cipher");
    this.settings = requireNonNull(settings, "settings");
    this.audit = requireNonNull(audit, "audit");
    this.notices = new AccountNotices(mailer, AccountNotices.languagesOf(operators));
    this.clock = requireNonNull(clock, "clock");
    this.codes = new TotpCodes(credentials, cipher, audit, clock);
    this.attempts = new CodeAttempts(failedAttempts, throttlePolicy, audit, clock);
    this.completion = new SignInCompletion(sessionStore, audit);
  }

  @Override
  public Optional<TotpSetup> pending(SessionToken token) {
    Instant now = clock.now();
    return sessions
        .resume(token)
        .filter(TwoFactorService::mayEnrol)
        .flatMap(
            active ->
                pendingOf(active, now)
                    .flatMap(enrolment -> codes.secret(enrolment.encryptedSecret()))
                    .map(secret -> setup(active.operator(), secret)));
  }

  @Override
  public Optional<TotpSetup> begin(SessionToken token, String clientAddress) {
    requireNonNull(clientAddress, "clientAddress");
    return sessions
        .resume(token)
        .filter(TwoFactorService::mayEnrol)
        .flatMap(
            active -> {
              TotpSecret secret = TotpSecret.random();
              Instant now = clock.now();
              boolean saved =
                  credentials.savePending(
                      active.operator().id(),
                      active.session().key(),
                      cipher.encrypt(secret.base32()),
                      now);
              if (!saved) {
                return Optional.empty();
              }
              record(
                  now, AuditEventType.TOTP_ENROLMENT_BEGUN, actor(active, clientAddress), Map.of());
              return Optional.of(setup(active.operator(), secret));
            });
  }

  /**
   * The enrolment this session began and has not yet confirmed, while it is young enough: a secret
   * begun by another browser, or too long ago, is never shown nor confirmed.
   */
  private Optional<TotpEnrolment> pendingOf(ActiveSession active, Instant now) {
    return credentials
        .find(active.operator().id())
        .filter(enrolment -> enrolment.pendingFor(active.session().key()))
        .filter(enrolment -> now.isBefore(enrolment.createdAt().plus(PENDING_LIFETIME)));
  }

  private static TotpSetup setup(Operator operator, TotpSecret secret) {
    return new TotpSetup(
        secret.base32(), Totp.provisioningUri(secret, ISSUER, operator.username().value()));
  }

  @Override
  public CodeResult confirm(CodeCommand command) {
    Optional<ActiveSession> found =
        sessions.resume(command.token()).filter(TwoFactorService::mayEnrol);
    if (found.isEmpty()) {
      return new CodeResult.SessionEnded();
    }
    ActiveSession active = found.get();
    Optional<TotpEnrolment> pending = pendingOf(active, clock.now());
    if (pending.isEmpty()) {
      return new CodeResult.NotApplicable(
          Problem.of(
              Problem.Code.ENROLMENT_NOT_PENDING,
              "No set-up of an authenticator app is waiting in this browser, or it was begun more"
                  + " than 10 minutes ago; start the set-up again."));
    }
    return attempts.attempt(
        active,
        command.clientAddress(),
        SecondFactor.TOTP,
        now -> {
          Optional<TotpSecret> secret = codes.secret(pending.get().encryptedSecret());
          if (secret.isEmpty()) {
            return new CodeAttempts.Checked.Answer(
                new CodeResult.NotApplicable(
                    Problem.of(
                        Problem.Code.ENROLMENT_UNREADABLE,
                        "This set-up can no longer be read; start the set-up again.")));
          }
          return switch (Totp.verify(
              secret.get(), command.code(), now, pending.get().lastUsedStep())) {
            case Totp.Check.Rejected rejected ->
                new CodeAttempts.Checked.Answer(
                    new CodeResult.Rejected(TotpCodes.message(rejected.reason())));
            case Totp.Check.Accepted accepted ->
                new CodeAttempts.Checked.Right(
                    () -> enrol(command, active, pending.get(), accepted.step(), now));
          };
        });
  }

  /** Confirms the pending enrolment whose code was right, then signs in if that was the step. */
  private CodeResult enrol(
      CodeCommand command, ActiveSession active, TotpEnrolment pending, long step, Instant now) {
    OperatorId operator = active.operator().id();
    List<String> recoveryCodes = RecoveryCode.generate();
    if (!credentials.confirm(
        operator, active.session().key(), pending.encryptedSecret(), step, hashes(recoveryCodes))) {
      return new CodeResult.NotApplicable(
          Problem.of(
              Problem.Code.ENROLMENT_REPLACED,
              "This set-up was replaced or confirmed meanwhile; start the set-up again."));
    }
    // Whoever else held the password until now is signed out, half-signed-in or not.
    int ended = sessionStore.deleteAllOfExcept(operator, active.session().key());
    record(
        now,
        AuditEventType.TOTP_ENROLLED,
        actor(active, command.clientAddress()),
        Map.of("ended_sessions", Integer.toString(ended)));
    NoticeEmail notice =
        notify(active, SecondFactorChange.APP_SET_UP, command.clientAddress(), now);
    if (active.session().stage() == SessionStage.AWAITING_ENROLMENT) {
      return completion
          .promote(active, command.clientAddress(), now, Map.of("second_factor", "totp enrolment"))
          .<CodeResult>map(
              p -> new CodeResult.Accepted(p.token(), p.session(), recoveryCodes, notice))
          .orElseGet(CodeResult.SessionEnded::new);
    }
    return new CodeResult.Accepted(command.token(), active.session(), recoveryCodes, notice);
  }

  @Override
  public CodeResult disable(CodeCommand command) {
    return withCode(
        command,
        false,
        (active, now) -> {
          credentials.delete(active.operator().id());
          record(
              now, AuditEventType.TOTP_DISABLED, actor(active, command.clientAddress()), Map.of());
          return new CodeResult.Accepted(
              command.token(),
              active.session(),
              List.of(),
              notify(active, SecondFactorChange.APP_REMOVED, command.clientAddress(), now));
        });
  }

  @Override
  public CodeResult regenerate(CodeCommand command) {
    return withCode(
        command,
        true,
        (active, now) -> {
          List<String> recoveryCodes = RecoveryCode.generate();
          credentials.replaceRecoveryCodes(active.operator().id(), hashes(recoveryCodes));
          record(
              now,
              AuditEventType.RECOVERY_CODES_REGENERATED,
              actor(active, command.clientAddress()),
              Map.of());
          return new CodeResult.Accepted(
              command.token(),
              active.session(),
              recoveryCodes,
              notify(
                  active,
                  SecondFactorChange.RECOVERY_CODES_REPLACED,
                  command.clientAddress(),
                  now));
        });
  }

  @Override
  public TwoFactorStatus status(OperatorId operator) {
    boolean enrolled = codes.enrolled(operator);
    return new TwoFactorStatus(
        enrolled,
        enrolled ? credentials.remainingRecoveryCodes(operator) : 0,
        settings.forceTwoFactor());
  }

  /** What a verified code lets the service do next. */
  @FunctionalInterface
  private interface AfterCode {
    CodeResult apply(ActiveSession active, Instant now);
  }

  /**
   * Resumes the signed-in session, checks the code against the confirmed enrolment (an
   * authenticator code, or a recovery code), throttling failures, then does the action.
   */
  private CodeResult withCode(CodeCommand command, boolean allowedWhileForced, AfterCode action) {
    Optional<ActiveSession> found =
        sessions.resume(command.token()).filter(active -> active.session().signedIn());
    if (found.isEmpty()) {
      return new CodeResult.SessionEnded();
    }
    ActiveSession active = found.get();
    if (!codes.enrolled(active.operator().id())) {
      return new CodeResult.NotApplicable(
          Problem.of(
              Problem.Code.TWO_FACTOR_NOT_ON, "Two-factor authentication is not turned on."));
    }
    if (!allowedWhileForced && settings.forceTwoFactor()) {
      return new CodeResult.NotApplicable(
          Problem.of(
              Problem.Code.TWO_FACTOR_REQUIRED,
              "Two-factor authentication is required for every operator, so it cannot be turned"
                  + " off."));
    }
    return attempts.attempt(
        active,
        command.clientAddress(),
        SecondFactor.TOTP,
        now ->
            CodeAttempts.Checked.of(
                codes.check(
                    PluginSettings.EMPTY,
                    new CodeMethod.Attempt(
                        active.operator(), command.code(), command.clientAddress())),
                passed -> action.apply(active, now)));
  }

  private static boolean mayEnrol(ActiveSession active) {
    return active.session().stage() == SessionStage.SIGNED_IN
        || active.session().stage() == SessionStage.AWAITING_ENROLMENT;
  }

  private static List<String> hashes(List<String> codes) {
    return codes.stream().map(code -> RecoveryCode.hash(code).orElseThrow()).toList();
  }

  private NoticeEmail notify(
      ActiveSession active, SecondFactorChange change, String clientAddress, Instant now) {
    return notices.secondFactorChanged(
        active.operator(), change, now, actor(active, clientAddress), active.session().client());
  }

  private static Actor actor(ActiveSession active, String clientAddress) {
    Operator operator = active.operator();
    return Actor.operator(operator.id(), operator.username().value(), clientAddress);
  }

  private void record(Instant now, AuditEventType type, Actor actor, Map<String, String> details) {
    audit.append(
        new AuditEvent(now, type, actor, actor.operator().orElseThrow().toString(), details));
  }
}
