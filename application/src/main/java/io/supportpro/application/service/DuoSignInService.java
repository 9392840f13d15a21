package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.CompleteDuoSignInUseCase;
import io.supportpro.application.port.in.DuoCallbackCommand;
import io.supportpro.application.port.in.DuoCallbackResult;
import io.supportpro.application.port.in.DuoCallbackResult.Reason;
import io.supportpro.application.port.in.DuoStartResult;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.in.StartDuoSignInUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.DuoConnection;
import io.supportpro.application.port.out.DuoGateway;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.PendingSignIn;
import io.supportpro.application.port.out.PendingSignIns;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.Sha256;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.secondfactor.DuoPlugin;
import io.supportpro.domain.secondfactor.FailMode;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Duo step of signing in: the health check and the fail mode, the single-use state bound to the
 * half-signed-in session, the redirect to the Universal Prompt and the checks on the way back.
 */
public final class DuoSignInService implements StartDuoSignInUseCase, CompleteDuoSignInUseCase {
  /** How long the browser has to come back from Duo. */
  public static final Duration STATE_LIFETIME = Duration.ofMinutes(5);

  // What generateState-like values look like: URL-safe, long enough to be unguessable.
  private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{22,128}");
  private static final String UNAVAILABLE =
      "Duo cannot be reached right now, so you cannot sign in. Try again in a few minutes, or"
          + " ask an administrator.";
  private static final String RATE_LIMITED =
      "Duo is turning away the panel's requests for the moment, so you cannot sign in. Try again"
          + " in a few minutes.";
  private static final String CREDENTIALS_REJECTED =
      "Duo rejected the panel's credentials, so you cannot sign in. Ask an administrator to check"
          + " the Duo settings.";
  private static final String DUO_REFUSED =
      "Duo refused the panel's request or answered in a way the panel cannot use, so you cannot"
          + " sign in. Sign in again, and tell an administrator if this keeps happening.";
  private static final String NOT_CONFIGURED =
      "Duo is not set up completely, so you cannot sign in. Ask an administrator.";
  private static final String START_AGAIN =
      "The Duo sign-in settings changed while you were signing in. Sign in again.";

  private final ResumeSessionUseCase sessions;
  private final SessionStore sessionStore;
  private final PluginRepository plugins;
  private final PendingSignIns pending;
  private final DuoGateway duo;
  private final SecretCipher cipher;
  private final URI callbackUri;
  private final Throttle throttle;
  private final AuditLog audit;
  private final Clock clock;

  public DuoSignInService(
      ResumeSessionUseCase sessions,
      SessionStore sessionStore,
      PluginRepository plugins,
      PendingSignIns pending,
      DuoGateway duo,
      SecretCipher cipher,
      URI callbackUri,
      FailedAttempts failedAttempts,
      ThrottlePolicy throttlePolicy,
      AuditLog audit,
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.sessionStore = requireNonNull(sessionStore, "sessionStore");
    this.plugins = requireNonNull(plugins, "plugins");
    this.pending = requireNonNull(pending, "pending");
    this.duo = requireNonNull(duo, "duo");
    this.cipher = requireNonNull(cipher, "cipher");
    this.callbackUri = requireNonNull(callbackUri, "callbackUri");
    this.throttle =
        new Throttle(
            requireNonNull(failedAttempts, "failedAttempts"),
            requireNonNull(throttlePolicy, "throttlePolicy"));
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public DuoStartResult start(SessionToken token, String clientAddress, String returnTo) {
    requireNonNull(returnTo, "returnTo");
    Optional<ActiveSession> found = sessions.resume(token).filter(DuoSignInService::awaitsDuo);
    if (found.isEmpty()) {
      return new DuoStartResult.SessionEnded();
    }
    ActiveSession active = found.get();
    Actor actor = actor(active.operator(), clientAddress);
    Instant now = clock.now();
    if (plugins.state(DuoPlugin.ID) != PluginState.ACTIVE) {
      // Duo was turned off after the password: signing in again applies the built-in 2FA.
      refuse(active, actor, now, "duo is no longer active");
      return new DuoStartResult.Refused(DuoStartResult.Reason.SETTINGS_CHANGED, START_AGAIN);
    }
    Optional<DuoSettings> settings = decrypted(plugins.settings(DuoPlugin.ID));
    if (settings.isEmpty()) {
      refuse(active, actor, now, "duo is not configured");
      return new DuoStartResult.Refused(DuoStartResult.Reason.NOT_CONFIGURED, NOT_CONFIGURED);
    }
    DuoConnection connection = connection(settings.get());
    if (duo.healthCheck(connection) instanceof DuoGateway.Health.Unavailable down) {
      return unavailable(
          active, actor, now, settings.get().failMode(), down.failure(), down.detail());
    }
    String state = SessionToken.randomText();
    String username = username(active.operator(), settings.get());
    var signIn =
        new PendingSignIn(
            Sha256.hex(state),
            DuoPlugin.ID,
            active.session().key(),
            active.operator().id(),
            username,
            returnTo,
            now);
    if (!pending.create(signIn)) {
      refuse(active, actor, now, "duo was uninstalled or the session ended");
      return new DuoStartResult.Refused(DuoStartResult.Reason.SETTINGS_CHANGED, START_AGAIN);
    }
    return switch (duo.prompt(connection, username, state)) {
      case DuoGateway.Prompt.Redirect redirect -> new DuoStartResult.Redirect(redirect.location());
      case DuoGateway.Prompt.Unavailable down -> {
        pending.take(signIn.stateHash());
        yield unavailable(
            active, actor, now, settings.get().failMode(), down.failure(), down.detail());
      }
    };
  }

  @Override
  public DuoCallbackResult complete(DuoCallbackCommand command) {
    Instant now = clock.now();
    if (!STATE.matcher(command.state()).matches()) {
      return unknownState(command, now, endWaitingSession(command));
    }
    String stateHash = Sha256.hex(command.state());
    Optional<PendingSignIn> taken = pending.take(stateHash);
    Optional<PendingSignIn> takenEarlier =
        taken.isEmpty() ? pending.taken(stateHash) : Optional.empty();
    if (takenEarlier.isPresent()) {
      return duplicate(command, takenEarlier.get(), now);
    }
    if (taken.isEmpty()) {
      return unknownState(command, now, endWaitingSession(command));
    }
    PendingSignIn signIn = taken.get();
    Actor claimed =
        new Actor(Optional.of(signIn.operator()), signIn.username(), command.clientAddress());
    if (!command.token().map(t -> t.key().equals(signIn.session())).orElse(false)) {
      // The state was shown to another browser: the sign-in it belonged to cannot finish now.
      sessionStore.delete(signIn.session());
      return rejected(claimed, now, Reason.OTHER_BROWSER, "", endWaitingSession(command));
    }
    Optional<ActiveSession> found =
        sessions
            .resume(command.token().get())
            .filter(DuoSignInService::awaitsDuo)
            .filter(a -> a.operator().id().equals(signIn.operator()));
    if (found.isEmpty()) {
      return rejected(claimed, now, Reason.SESSION_ENDED, "", false);
    }
    ActiveSession active = found.get();
    Actor actor = actor(active.operator(), command.clientAddress());
    if (!now.isBefore(signIn.createdAt().plus(STATE_LIFETIME))) {
      return end(active, actor, now, Reason.EXPIRED, "");
    }
    if (!command.error().isEmpty()) {
      return end(
          active,
          actor,
          now,
          Reason.DUO_ERROR,
          command.error() + ": " + command.errorDescription());
    }
    if (command.code().isEmpty() || command.code().length() > 1024) {
      return end(active, actor, now, Reason.INVALID_RESPONSE, "no usable code");
    }
    Optional<DuoSettings> settings = settings();
    if (settings.isEmpty()) {
      return end(
          active, actor, now, Reason.SETTINGS_CHANGED, "duo is not active or not configured");
    }
    return switch (duo.exchange(connection(settings.get()), command.code(), signIn.username())) {
      // After the redirect every failure is a refusal, whatever the fail mode: the browser was
      // sent to Duo, so Duo was up, and a failure now is as likely provoked as an outage.
      case DuoGateway.Result.Unverified unverified ->
          end(
              active,
              actor,
              now,
              switch (unverified.failure()) {
                case UNREACHABLE, SERVICE_ERROR, RATE_LIMITED -> Reason.DUO_UNAVAILABLE;
                case INVALID_CONFIGURATION -> Reason.CREDENTIALS_REJECTED;
                case REQUEST_REFUSED, MALFORMED_ANSWER, INVALID_RESPONSE -> Reason.INVALID_RESPONSE;
              },
              unverified.failure() + " " + unverified.detail());
      case DuoGateway.Result.Verified verified -> {
        if (!verified.allowed()) {
          yield end(active, actor, now, Reason.DENIED, verified.statusMessage());
        }
        if (!verified.username().equals(signIn.username())) {
          yield end(
              active, actor, now, Reason.WRONG_USER, "duo answered for " + verified.username());
        }
        yield finished(
            promote(
                active,
                actor,
                now,
                Map.of(
                    "second_factor", "duo",
                    "duo_transaction", verified.transactionId(),
                    "duo_factor", verified.factor())),
            signIn,
            actor,
            now);
      }
    };
  }

  private Optional<DuoSettings> settings() {
    if (plugins.state(DuoPlugin.ID) != PluginState.ACTIVE) {
      return Optional.empty();
    }
    return decrypted(plugins.settings(DuoPlugin.ID));
  }

  private Optional<DuoSettings> decrypted(PluginSettings saved) {
    try {
      return DuoSettings.from(saved, cipher::decrypt);
    } catch (SecretCipher.UndecryptableSecretException e) {
      // Saved with another key (SUPPORTPRO_SECRET_KEY changed): as good as not configured.
      return Optional.empty();
    }
  }

  private DuoConnection connection(DuoSettings settings) {
    return DuoConnection.of(settings, callbackUri);
  }

  private static String username(Operator operator, DuoSettings settings) {
    String name =
        switch (settings.usernameSource()) {
          case USERNAME -> operator.username().value();
          case EMAIL -> operator.email().value();
        };
    return name.toLowerCase(Locale.ROOT);
  }

  private DuoStartResult unavailable(
      ActiveSession active,
      Actor actor,
      Instant now,
      FailMode failMode,
      DuoGateway.Failure failure,
      String detail) {
    // Open lets people in while Duo is down, never while Duo refuses the saved credentials or
    // the request, rate-limits it or answers unreadably: a wrong or rotated secret must not
    // quietly turn Duo off, and an answer that anyone could provoke must not either.
    if (failMode == FailMode.OPEN && failure.isOutage()) {
      return signInWithoutDuo(active, actor, now, failure, detail)
          .<DuoStartResult>map(p -> new DuoStartResult.SignedInWithoutDuo(p.token(), p.session()))
          .orElseGet(DuoStartResult.SessionEnded::new);
    }
    refuse(active, actor, now, "duo unavailable: " + failure + " " + detail);
    return switch (failure) {
      case UNREACHABLE, SERVICE_ERROR ->
          new DuoStartResult.Refused(DuoStartResult.Reason.DUO_UNAVAILABLE, UNAVAILABLE);
      case RATE_LIMITED ->
          new DuoStartResult.Refused(DuoStartResult.Reason.DUO_UNAVAILABLE, RATE_LIMITED);
      case INVALID_CONFIGURATION ->
          new DuoStartResult.Refused(
              DuoStartResult.Reason.CREDENTIALS_REJECTED, CREDENTIALS_REJECTED);
      case REQUEST_REFUSED, MALFORMED_ANSWER, INVALID_RESPONSE ->
          new DuoStartResult.Refused(DuoStartResult.Reason.DUO_REFUSED, DUO_REFUSED);
    };
  }

  /**
   * Signs in with the password only, because the health check before the redirect found Duo down
   * and the fail mode is open.
   */
  private Optional<Promoted> signInWithoutDuo(
      ActiveSession active, Actor actor, Instant now, DuoGateway.Failure failure, String detail) {
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN,
            actor,
            active.operator().id().toString(),
            Map.of("factor", "duo", "failure", failure.name(), "detail", detail)));
    return promote(active, actor, now, Map.of("second_factor", "none: duo unavailable, fail open"));
  }

  /** A session signed in fully under a new token. */
  private record Promoted(SessionToken token, Session session) {}

  /** Signs the session in fully under a new token; empty when it ended meanwhile. */
  private Optional<Promoted> promote(
      ActiveSession active, Actor actor, Instant now, Map<String, String> details) {
    SessionToken token = SessionToken.random();
    Session next = active.session().signedInAs(token, now);
    if (!sessionStore.replace(active.session().key(), next)) {
      return Optional.empty();
    }
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.SIGN_IN_SUCCEEDED,
            actor,
            active.operator().id().toString(),
            details));
    return Optional.of(new Promoted(token, next));
  }

  /**
   * The callback's answer: signed in, back to the page the sign-in started from, or refused when
   * the session ended meanwhile.
   */
  private DuoCallbackResult finished(
      Optional<Promoted> promoted, PendingSignIn signIn, Actor actor, Instant now) {
    return promoted
        .<DuoCallbackResult>map(
            p -> new DuoCallbackResult.SignedIn(p.token(), p.session(), signIn.returnTo()))
        .orElseGet(() -> rejected(actor, now, Reason.SESSION_ENDED, "", false));
  }

  /**
   * A callback whose state an earlier arrival has taken. From the browser that owns the sign-in (a
   * proxy's or the browser's own retry) it must not end the sign-in the first arrival is
   * completing; from any other browser it is refused, and ends only that browser's own waiting
   * session.
   */
  private DuoCallbackResult duplicate(
      DuoCallbackCommand command, PendingSignIn signIn, Instant now) {
    if (command.token().map(t -> t.key().equals(signIn.session())).orElse(false)) {
      return new DuoCallbackResult.Duplicate(signIn.returnTo());
    }
    return rejected(
        new Actor(Optional.of(signIn.operator()), signIn.username(), command.clientAddress()),
        now,
        Reason.OTHER_BROWSER,
        "the state was already taken",
        endWaitingSession(command));
  }

  /**
   * Ends the half-signed-in session of the browser that brought a refused callback, when that
   * session waits for Duo: a refusal ends the sign-in in progress, whichever sign-in the state was
   * for. A fully signed-in session is left alone. True if a session was ended.
   */
  private boolean endWaitingSession(DuoCallbackCommand command) {
    Optional<Session> waiting =
        command
            .token()
            .flatMap(token -> sessionStore.find(token.key()))
            .filter(
                session ->
                    session.stage() == SessionStage.AWAITING_SECOND_FACTOR
                        && session.secondFactor() == SecondFactor.DUO);
    waiting.ifPresent(session -> sessionStore.delete(session.key()));
    return waiting.isPresent();
  }

  /**
   * Refuses a callback whose state no sign-in waits for. Anyone can send such callbacks at no cost,
   * so they count against the client address like failed codes, are refused with a wait once it is
   * locked, and are audited as one counted entry per address and throttle window, not a row each. A
   * callback that brings a waiting state is never held back by this.
   */
  private DuoCallbackResult unknownState(
      DuoCallbackCommand command, Instant now, boolean endedSignIn) {
    Actor anonymous = Actor.anonymous("", command.clientAddress());
    List<ThrottleKey> keys = List.of(ThrottleKey.address(command.clientAddress()));
    List<ThrottleState> counted = throttle.states(keys);
    Optional<Duration> locked = Throttle.lockedFor(counted, now);
    if (locked.isPresent()) {
      audit.appendOrCount(
          new AuditEvent(
              now,
              AuditEventType.SECOND_FACTOR_THROTTLED,
              anonymous,
              "",
              Map.of("factor", "duo", "reason", "unknown_state")),
          throttle.refusals(counted, now));
      return new DuoCallbackResult.Throttled(locked.get(), endedSignIn);
    }
    throttle.recordFailure(keys, now);
    audit.appendOrCount(
        new AuditEvent(
            now,
            AuditEventType.SECOND_FACTOR_FAILED,
            anonymous,
            "",
            Map.of("factor", "duo", "reason", "unknown_state")),
        throttle.repeats(keys.getFirst(), now));
    return new DuoCallbackResult.Rejected(
        Reason.UNKNOWN_STATE, message(Reason.UNKNOWN_STATE), endedSignIn);
  }

  private void refuse(ActiveSession active, Actor actor, Instant now, String reason) {
    sessionStore.delete(active.session().key());
    failed(actor, now, active.operator().id().toString(), reason);
  }

  private DuoCallbackResult end(
      ActiveSession active, Actor actor, Instant now, Reason reason, String detail) {
    sessionStore.delete(active.session().key());
    return rejected(actor, now, reason, detail, true);
  }

  private DuoCallbackResult rejected(
      Actor actor, Instant now, Reason reason, String detail, boolean endedSignIn) {
    failed(
        actor,
        now,
        actor.operator().map(Object::toString).orElse(""),
        reason.name().toLowerCase(Locale.ROOT) + (detail.isEmpty() ? "" : ": " + detail));
    return new DuoCallbackResult.Rejected(reason, message(reason), endedSignIn);
  }

  private void failed(Actor actor, Instant now, String subject, String reason) {
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.SECOND_FACTOR_FAILED,
            actor,
            subject,
            Map.of("factor", "duo", "reason", reason)));
  }

  private static String message(Reason reason) {
    return switch (reason) {
      case UNKNOWN_STATE, OTHER_BROWSER, SESSION_ENDED ->
          "This Duo confirmation does not belong to a sign-in in progress in this browser. Sign"
              + " in again.";
      case EXPIRED ->
          "The Duo confirmation took longer than five minutes, so your sign-in was not completed."
              + " Sign in again.";
      case DUO_ERROR -> "Duo reported a problem and did not confirm your sign-in. Sign in again.";
      case INVALID_RESPONSE, WRONG_USER ->
          "Duo's answer could not be verified, so your sign-in was not completed. Sign in again.";
      case DENIED -> "Duo denied this sign-in. If that was not you, tell an administrator.";
      case DUO_UNAVAILABLE ->
          "Duo cannot be reached right now, so your sign-in was not completed. Sign in again in a"
              + " few minutes.";
      case CREDENTIALS_REJECTED ->
          "Duo rejected the panel's credentials, so your sign-in was not completed. Ask an"
              + " administrator to check the Duo settings.";
      case SETTINGS_CHANGED ->
          "The Duo sign-in settings changed while you were signing in, so your sign-in was not"
              + " completed. Sign in again.";
    };
  }

  private static boolean awaitsDuo(ActiveSession active) {
    return active.session().stage() == SessionStage.AWAITING_SECOND_FACTOR
        && active.session().secondFactor() == SecondFactor.DUO;
  }

  private static Actor actor(Operator operator, String clientAddress) {
    return Actor.operator(operator.id(), operator.username().value(), clientAddress);
  }
}
