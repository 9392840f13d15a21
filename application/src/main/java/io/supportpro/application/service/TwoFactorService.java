package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.CodeCommand;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.DisableTotpUseCase;
import io.supportpro.application.port.in.EnrolTotpUseCase;
import io.supportpro.application.port.in.PassSecondFactorUseCase;
import io.supportpro.application.port.in.RegenerateRecoveryCodesUseCase;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.in.TotpSetup;
import io.supportpro.application.port.in.TwoFactorStatus;
import io.supportpro.application.port.in.ViewTwoFactorStatusUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.secondfactor.RecoveryCode;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The built-in two-factor authentication: the second step of sign-in, enrolment of an authenticator
 * app, recovery codes, and turning it off.
 */
public final class TwoFactorService
    implements PassSecondFactorUseCase,
        EnrolTotpUseCase,
        DisableTotpUseCase,
        RegenerateRecoveryCodesUseCase,
        ViewTwoFactorStatusUseCase {
  /** The name authenticator apps show above the codes. */
  public static final String ISSUER = "SupportPro";

  /** How long a begun set-up may wait for its first code, as long as a half-finished sign-in. */
  public static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

  private static final String WRONG_CODE =
      "That code is not right. Check that your device's clock is correct and try again.";
  private static final String REPLAYED_CODE =
      "That code has already been used. Wait for the next one and try again.";
  private static final String MALFORMED_CODE =
      "Enter the 6-digit code from your authenticator app, or one of your recovery codes.";
  private static final String UNREADABLE_SECRET =
      "Your authenticator app cannot be checked because this server's secret key has changed."
          + " Use a recovery code, or ask an administrator to reset your two-factor"
          + " authentication.";
  private static final String WRONG_RECOVERY_CODE =
      "That recovery code is not valid or has already been used.";

  private final ResumeSessionUseCase sessions;
  private final SessionStore sessionStore;
  private final TotpCredentials credentials;
  private final SecretCipher cipher;
  private final PanelSettings settings;
  private final Throttle throttle;
  private final AuditLog audit;
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
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.sessionStore = requireNonNull(sessionStore, "sessionStore");
    this.credentials = requireNonNull(credentials, "credentials");
    this.cipher = requireNonNull(cipher, "cipher");
    this.settings = requireNonNull(settings, "settings");
    this.throttle =
        new Throttle(
            requireNonNull(failedAttempts, "failedAttempts"),
            requireNonNull(throttlePolicy, "throttlePolicy"));
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public CodeResult passSecondFactor(CodeCommand command) {
    // A session waiting for Duo is refused before its code is checked, so that no code is spent.
    return withCode(
        command,
        session ->
            session.stage() == SessionStage.AWAITING_SECOND_FACTOR
                && session.secondFactor() == SecondFactor.TOTP,
        true,
        (active, now) -> promote(command, active, now, "totp", List.of()));
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
                    .flatMap(enrolment -> secret(enrolment.encryptedSecret()))
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
          "No set-up of an authenticator app is waiting in this browser, or it was begun more"
              + " than 10 minutes ago; start the set-up again.");
    }
    return throttled(
        command,
        active,
        now -> {
          Optional<TotpSecret> secret = secret(pending.get().encryptedSecret());
          if (secret.isEmpty()) {
            return new Checked.Answer(
                new CodeResult.NotApplicable(
                    "This set-up can no longer be read; start the set-up again."));
          }
          return switch (Totp.verify(
              secret.get(), command.code(), now, pending.get().lastUsedStep())) {
            case Totp.Check.Rejected rejected -> new Checked.Answer(rejected(rejected.reason()));
            case Totp.Check.Accepted accepted ->
                new Checked.Right(
                    () -> enrol(command, active, pending.get(), accepted.step(), now));
          };
        });
  }

  /** Confirms the pending enrolment whose code was right, then signs in if that was the step. */
  private CodeResult enrol(
      CodeCommand command, ActiveSession active, TotpEnrolment pending, long step, Instant now) {
    OperatorId operator = active.operator().id();
    List<String> codes = RecoveryCode.generate();
    if (!credentials.confirm(
        operator, active.session().key(), pending.encryptedSecret(), step, hashes(codes))) {
      return new CodeResult.NotApplicable(
          "This set-up was replaced or confirmed meanwhile; start the set-up again.");
    }
    // Whoever else held the password until now is signed out, half-signed-in or not.
    int ended = sessionStore.deleteAllOfExcept(operator, active.session().key());
    record(
        now,
        AuditEventType.TOTP_ENROLLED,
        actor(active, command.clientAddress()),
        Map.of("ended_sessions", Integer.toString(ended)));
    if (active.session().stage() == SessionStage.AWAITING_ENROLMENT) {
      return promote(command, active, now, "totp enrolment", codes);
    }
    return new CodeResult.Accepted(command.token(), active.session(), codes);
  }

  @Override
  public CodeResult disable(CodeCommand command) {
    return withCode(
        command,
        Session::signedIn,
        false,
        (active, now) -> {
          credentials.delete(active.operator().id());
          record(
              now, AuditEventType.TOTP_DISABLED, actor(active, command.clientAddress()), Map.of());
          return new CodeResult.Accepted(command.token(), active.session(), List.of());
        });
  }

  @Override
  public CodeResult regenerate(CodeCommand command) {
    return withCode(
        command,
        Session::signedIn,
        true,
        (active, now) -> {
          List<String> codes = RecoveryCode.generate();
          credentials.replaceRecoveryCodes(active.operator().id(), hashes(codes));
          record(
              now,
              AuditEventType.RECOVERY_CODES_REGENERATED,
              actor(active, command.clientAddress()),
              Map.of());
          return new CodeResult.Accepted(command.token(), active.session(), codes);
        });
  }

  @Override
  public TwoFactorStatus status(OperatorId operator) {
    boolean enrolled = credentials.find(operator).map(TotpEnrolment::confirmed).orElse(false);
    return new TwoFactorStatus(
        enrolled,
        enrolled ? credentials.remainingRecoveryCodes(operator) : 0,
        settings.forceTwoFactor());
  }

  /** What checking a code found: the answer to give, or what to do once the code is let through. */
  private sealed interface Checked {
    /**
     * The answer instead of letting the code through; a {@link CodeResult.Rejected} is a failure.
     */
    record Answer(CodeResult result) implements Checked {}

    /** The code was right (and is used up). */
    record Right(Supplier<CodeResult> then) implements Checked {}
  }

  /** What a verified code lets the service do next. */
  @FunctionalInterface
  private interface AfterCode {
    CodeResult apply(ActiveSession active, Instant now);
  }

  /**
   * Resumes the session if it is at the expected step, checks the code against the confirmed
   * enrolment (an authenticator code, or a recovery code), throttling failures, then does the
   * action.
   */
  private CodeResult withCode(
      CodeCommand command,
      Predicate<Session> atStep,
      boolean allowedWhileForced,
      AfterCode action) {
    Optional<ActiveSession> found =
        sessions.resume(command.token()).filter(active -> atStep.test(active.session()));
    if (found.isEmpty()) {
      return new CodeResult.SessionEnded();
    }
    ActiveSession active = found.get();
    OperatorId operator = active.operator().id();
    Optional<TotpEnrolment> enrolment = credentials.find(operator).filter(TotpEnrolment::confirmed);
    if (enrolment.isEmpty()) {
      return active.session().signedIn()
          ? new CodeResult.NotApplicable("Two-factor authentication is not turned on.")
          : new CodeResult.SessionEnded();
    }
    if (!allowedWhileForced && settings.forceTwoFactor()) {
      return new CodeResult.NotApplicable(
          "Two-factor authentication is required for every operator, so it cannot be turned off.");
    }
    return throttled(
        command,
        active,
        now -> {
          Optional<String> problem = checkCode(command, active, enrolment.get(), now);
          return problem.isPresent()
              ? new Checked.Answer(new CodeResult.Rejected(problem.get()))
              : new Checked.Right(() -> action.apply(active, now));
        });
  }

  /** Why the code is refused, or empty when it was right (and is now used up). */
  private Optional<String> checkCode(
      CodeCommand command, ActiveSession active, TotpEnrolment enrolment, Instant now) {
    OperatorId operator = active.operator().id();
    String typed = command.code().strip();
    if (typed.replace(" ", "").length() == Totp.DIGITS) {
      Optional<TotpSecret> readable = secret(enrolment.encryptedSecret());
      if (readable.isEmpty()) {
        return Optional.of(UNREADABLE_SECRET);
      }
      return switch (Totp.verify(readable.get(), typed, now, enrolment.lastUsedStep())) {
        case Totp.Check.Accepted accepted ->
            credentials.useStep(operator, accepted.step())
                ? Optional.empty()
                : Optional.of(REPLAYED_CODE);
        case Totp.Check.Rejected rejected -> Optional.of(message(rejected.reason()));
      };
    }
    Optional<String> hash = RecoveryCode.hash(typed);
    if (hash.isEmpty()) {
      return Optional.of(MALFORMED_CODE);
    }
    if (!credentials.useRecoveryCode(operator, hash.get())) {
      return Optional.of(WRONG_RECOVERY_CODE);
    }
    record(
        now,
        AuditEventType.RECOVERY_CODE_USED,
        actor(active, command.clientAddress()),
        Map.of("remaining", Integer.toString(credentials.remainingRecoveryCodes(operator))));
    return Optional.empty();
  }

  /**
   * Counts the code against the operator and the address before it is checked, refusing it
   * unchecked while either is locked, so that codes sent together are never checked past the
   * allowance; a wrong code stays counted, while a right one forgets the operator's failures it saw
   * and is refused after all if failures counted meanwhile locked the operator.
   */
  private CodeResult throttled(
      CodeCommand command, ActiveSession active, Function<Instant, Checked> check) {
    Instant now = clock.now();
    List<ThrottleKey> keys =
        List.of(
            ThrottleKey.secondFactor(active.operator().id().toString()),
            ThrottleKey.address(command.clientAddress()));
    Throttle.Attempt.Granted attempt;
    switch (throttle.reserve(keys, now)) {
      case Throttle.Attempt.Refused refused -> {
        return refused(command, active, now, refused);
      }
      case Throttle.Attempt.Granted granted -> attempt = granted;
    }
    Checked checked = check.apply(now);
    if (checked instanceof Checked.Answer(CodeResult.Rejected rejected)) {
      record(
          now,
          AuditEventType.SECOND_FACTOR_FAILED,
          actor(active, command.clientAddress()),
          Map.of("reason", rejected.message()));
      if (attempt.locked(now)) {
        record(
            now,
            AuditEventType.SECOND_FACTOR_THROTTLED,
            actor(active, command.clientAddress()),
            Map.of());
      }
      return rejected;
    }
    // Wrong codes of others, counted while this one was checked, may have locked the operator.
    Optional<Throttle.Attempt.Refused> lockedMeanwhile = throttle.passed(attempt, now);
    if (lockedMeanwhile.isPresent()) {
      return refused(command, active, now, lockedMeanwhile.get());
    }
    return switch (checked) {
      case Checked.Answer answer -> answer.result();
      case Checked.Right right -> right.then().get();
    };
  }

  /**
   * Refuses a code that a lock stops: counted in one audit entry per locked key and window, not a
   * row each.
   */
  private CodeResult refused(
      CodeCommand command, ActiveSession active, Instant now, Throttle.Attempt.Refused refused) {
    Actor actor = actor(active, command.clientAddress());
    audit.appendOrCount(
        new AuditEvent(
            now,
            AuditEventType.SECOND_FACTOR_THROTTLED,
            actor,
            actor.operator().orElseThrow().toString(),
            Map.of()),
        refused.repeats());
    return new CodeResult.Throttled(refused.retryAfter());
  }

  /** Signs the session in fully under a new token. */
  private CodeResult promote(
      CodeCommand command, ActiveSession active, Instant now, String factor, List<String> codes) {
    SessionToken token = SessionToken.random();
    Session next = active.session().signedInAs(token, now);
    if (!sessionStore.replace(active.session().key(), next)) {
      return new CodeResult.SessionEnded();
    }
    record(
        now,
        AuditEventType.SIGN_IN_SUCCEEDED,
        actor(active, command.clientAddress()),
        Map.of("second_factor", factor));
    return new CodeResult.Accepted(token, next, codes);
  }

  /** The stored secret, or empty when it was encrypted with another key than this server's. */
  private Optional<TotpSecret> secret(String encrypted) {
    try {
      return Optional.of(TotpSecret.fromBase32(cipher.decrypt(encrypted)));
    } catch (SecretCipher.UndecryptableSecretException e) {
      return Optional.empty();
    }
  }

  private static boolean mayEnrol(ActiveSession active) {
    return active.session().stage() == SessionStage.SIGNED_IN
        || active.session().stage() == SessionStage.AWAITING_ENROLMENT;
  }

  private static CodeResult rejected(Totp.Check.Reason reason) {
    return new CodeResult.Rejected(message(reason));
  }

  private static String message(Totp.Check.Reason reason) {
    return switch (reason) {
      case MALFORMED -> MALFORMED_CODE;
      case WRONG -> WRONG_CODE;
      case REPLAYED -> REPLAYED_CODE;
    };
  }

  private static List<String> hashes(List<String> codes) {
    return codes.stream().map(code -> RecoveryCode.hash(code).orElseThrow()).toList();
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
