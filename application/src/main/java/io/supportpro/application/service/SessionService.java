package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult;
import io.supportpro.application.port.in.SignInUseCase;
import io.supportpro.application.port.in.SignOutUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.application.port.out.UnitOfWork;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/** Signs operators in with their password, finds the session of each request, and signs out. */
public final class SessionService implements SignInUseCase, ResumeSessionUseCase, SignOutUseCase {
  // Writing the last-seen time on every request would turn every page view into a write.
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  // Longer input cannot be an account name.
  private static final int MAX_LOGIN = 254;
  // A turn comes within a fraction of a second once the rush is over.
  private static final Duration BUSY_RETRY = Duration.ofSeconds(2);

  private final OperatorRepository operators;
  private final PasswordHasher hasher;
  private final SessionStore sessions;
  private final Throttle throttle;
  private final SecondFactorRequirement secondFactor;
  private final SessionTimeouts timeouts;
  private final AuditLog audit;
  private final UnitOfWork unitOfWork;
  private final Clock clock;
  // Sign-ins checking a password, or waiting for the hasher to; the rest are turned away at once
  // rather than queued, so that a flood holds neither requests nor memory.
  private final Semaphore admitted;
  // Checked for a name that no account has; made without hashing, so it costs start-up nothing.
  private final PasswordHash unknownAccountHash;

  public SessionService(
      OperatorRepository operators,
      PasswordHasher hasher,
      SessionStore sessions,
      FailedAttempts failedAttempts,
      ThrottlePolicy throttlePolicy,
      SecondFactorRequirement secondFactor,
      SessionTimeouts timeouts,
      AuditLog audit,
      UnitOfWork unitOfWork,
      Clock clock) {
    this(
        operators,
        hasher,
        sessions,
        failedAttempts,
        throttlePolicy,
        secondFactor,
        timeouts,
        audit,
        unitOfWork,
        clock,
        defaultAdmission(Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A service that checks at most {@code maxAdmitted} passwords at once, running or waiting for the
   * hasher; a sign-in beyond that is answered {@link SignInResult.Busy} without being counted.
   */
  public SessionService(
      OperatorRepository operators,
      PasswordHasher hasher,
      SessionStore sessions,
      FailedAttempts failedAttempts,
      ThrottlePolicy throttlePolicy,
      SecondFactorRequirement secondFactor,
      SessionTimeouts timeouts,
      AuditLog audit,
      UnitOfWork unitOfWork,
      Clock clock,
      int maxAdmitted) {
    if (maxAdmitted < 1) {
      throw new IllegalArgumentException("At least one sign-in must be admitted at a time.");
    }
    this.admitted = new Semaphore(maxAdmitted);
    this.operators = requireNonNull(operators, "operators");
    this.hasher = requireNonNull(hasher, "hasher");
    this.sessions = requireNonNull(sessions, "sessions");
    this.throttle =
        new Throttle(
            requireNonNull(failedAttempts, "failedAttempts"),
            requireNonNull(throttlePolicy, "throttlePolicy"));
    this.secondFactor = requireNonNull(secondFactor, "secondFactor");
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.audit = requireNonNull(audit, "audit");
    this.unitOfWork = requireNonNull(unitOfWork, "unitOfWork");
    this.clock = requireNonNull(clock, "clock");
    this.unknownAccountHash = hasher.unmatchable();
  }

  /**
   * Four sign-ins per processor: the hasher runs one hash per processor, each about 30 ms, so a
   * sign-in admitted last waits about three hashes (0.1 s) for its turn; that keeps the hasher busy
   * through a rush, while each request held is a few kilobytes of form and a virtual thread.
   */
  static int defaultAdmission(int processors) {
    return 4 * Math.max(1, processors);
  }

  @Override
  public SignInResult signIn(SignInCommand command) {
    if (!admitted.tryAcquire()) {
      return new SignInResult.Busy(BUSY_RETRY);
    }
    try {
      return signInAdmitted(command);
    } finally {
      admitted.release();
    }
  }

  private SignInResult signInAdmitted(SignInCommand command) {
    Instant now = clock.now();
    String login = command.login().strip();
    var anonymous = Actor.anonymous(login, command.clientAddress());
    Optional<OperatorAccount> account =
        login.isEmpty() || login.length() > MAX_LOGIN
            ? Optional.empty()
            : operators.findAccount(login);
    // Every way of naming an account (username, e-mail address, any case) shares its allowance;
    // an unknown name is counted as typed, so that it is throttled like a known one. An empty
    // login names no account: counted as one, it would be a key shared by every client, which
    // anyone could lock for everyone; the address still counts the attempt.
    String accountKey = account.map(a -> a.operator().id().toString()).orElse(login);
    ThrottleKey address = ThrottleKey.address(command.clientAddress());
    List<ThrottleKey> keys =
        login.isEmpty() ? List.of(address) : List.of(ThrottleKey.account(accountKey), address);
    Throttle.Attempt.Granted attempt;
    switch (throttle.reserve(keys, now)) {
      case Throttle.Attempt.Refused refused -> {
        return throttled(now, anonymous, refused);
      }
      case Throttle.Attempt.Granted granted -> attempt = granted;
    }
    if (!passwordMatches(command.password(), account)) {
      String subject = account.map(a -> a.operator().id().toString()).orElse("");
      record(
          now,
          AuditEventType.SIGN_IN_FAILED,
          anonymous,
          subject,
          Map.of("reason", "invalid credentials"));
      if (attempt.locked(now)) {
        record(now, AuditEventType.SIGN_IN_THROTTLED, anonymous, subject, Map.of());
      }
      return new SignInResult.InvalidCredentials();
    }
    // The throttle's settlement, the session and its audit entry take effect together: no session
    // without its entry, and no failures forgotten for a session that was never stored.
    OperatorAccount known = account.orElseThrow();
    // Hashed before the unit of work, so that no row stays locked for the length of a hash.
    Optional<PasswordHash> rehashed =
        hasher.needsRehash(known.passwordHash())
            ? Optional.of(hasher.hash(command.password()))
            : Optional.empty();
    return unitOfWork.run(() -> settle(known, attempt, rehashed, anonymous, command, now));
  }

  /**
   * Settles a right password's attempt and, unless something refuses it, stores the password's new
   * hash, if it has one, and starts its session.
   */
  private SignInResult settle(
      OperatorAccount account,
      Throttle.Attempt.Granted attempt,
      Optional<PasswordHash> rehashed,
      Actor anonymous,
      SignInCommand command,
      Instant now) {
    // Failures of others, counted while this password was checked, may have locked the account.
    Optional<Throttle.Attempt.Refused> lockedMeanwhile = throttle.passed(attempt, now);
    if (lockedMeanwhile.isPresent()) {
      return throttled(now, anonymous, lockedMeanwhile.get());
    }
    Operator operator = account.operator();
    var actor = Actor.operator(operator.id(), operator.username().value(), command.clientAddress());
    if (!operator.active()) {
      record(
          now,
          AuditEventType.SIGN_IN_FAILED,
          actor,
          operator.id().toString(),
          Map.of("reason", "deactivated"));
      return new SignInResult.Deactivated();
    }
    rehashed.ifPresent(
        hash ->
            operators.changePasswordHash(
                operator.id(), account.passwordHash(), hash, account.mustChangePassword()));
    SecondFactor required = secondFactor.of(operator.id());
    SessionToken token = SessionToken.random();
    var client = new SessionClient(command.clientAddress(), command.userAgent());
    Session session = Session.begin(token, operator.id(), required, now, client);
    sessions.create(session);
    record(
        now,
        session.signedIn() ? AuditEventType.SIGN_IN_SUCCEEDED : AuditEventType.PASSWORD_ACCEPTED,
        actor,
        operator.id().toString(),
        Map.of("second_factor", required.auditName()));
    return new SignInResult.SessionStarted(token, session);
  }

  /**
   * Refuses an attempt that a lock stops, without a check: counted in one audit entry per locked
   * key and window, not a row each.
   */
  private SignInResult throttled(Instant now, Actor actor, Throttle.Attempt.Refused refused) {
    audit.appendOrCount(
        new AuditEvent(now, AuditEventType.SIGN_IN_THROTTLED, actor, "", Map.of()),
        refused.repeats());
    return new SignInResult.Throttled(refused.retryAfter());
  }

  // One hash whether or not the account exists, so that both answers take about the same time.
  private boolean passwordMatches(Password password, Optional<OperatorAccount> account) {
    PasswordHash hash = account.map(OperatorAccount::passwordHash).orElse(unknownAccountHash);
    // No stored password is this long; hash a stand-in rather than megabytes of input.
    boolean tooLong = password.value().length() > 2 * Password.MAX_LENGTH;
    boolean matches = hasher.matches(tooLong ? new Password("") : password, hash);
    return matches && account.isPresent() && !tooLong;
  }

  @Override
  public Optional<ActiveSession> resume(SessionToken token) {
    Optional<Session> found = sessions.find(token.key());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Session session = found.get();
    Instant now = clock.now();
    Optional<OperatorAccount> account =
        operators.findAccount(session.operator()).filter(a -> a.operator().active());
    if (timeouts.expired(session, now) || account.isEmpty()) {
      sessions.delete(session.key());
      return Optional.empty();
    }
    if (session.signedIn() && !now.isBefore(session.lastSeenAt().plus(TOUCH_INTERVAL))) {
      sessions.touch(session.key(), now);
    }
    return Optional.of(
        new ActiveSession(
            session,
            account.get().operator(),
            account.get().mustChangePassword(),
            account.get().language()));
  }

  @Override
  public void signOut(SessionToken token, String clientAddress) {
    resume(token)
        .ifPresent(
            active -> {
              sessions.delete(active.session().key());
              Operator operator = active.operator();
              record(
                  clock.now(),
                  AuditEventType.SIGNED_OUT,
                  Actor.operator(operator.id(), operator.username().value(), clientAddress),
                  operator.id().toString(),
                  Map.of());
            });
  }

  private void record(
      Instant now, AuditEventType type, Actor actor, String subject, Map<String, String> details) {
    audit.append(new AuditEvent(now, type, actor, subject, details));
  }
}
