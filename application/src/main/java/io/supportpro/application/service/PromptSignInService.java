package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.CompletePromptUseCase;
import io.supportpro.application.port.in.PromptCallbackCommand;
import io.supportpro.application.port.in.PromptCallbackResult;
import io.supportpro.application.port.in.PromptCallbackResult.Reason;
import io.supportpro.application.port.in.PromptStartResult;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.in.StartPromptUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.PendingSignIn;
import io.supportpro.application.port.out.PendingSignIns;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.Problem;
import io.supportpro.domain.Sha256;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginId;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The prompt step of signing in, for any plugin whose second factor sends the browser elsewhere:
 * the single-use state bound to the half-signed-in session, the redirect to the method's prompt,
 * the fail-open decision the method allows before the redirect and never after, and the checks on
 * the way back before the method verifies the answer. Starting and completing are one family: they
 * share the pending sign-in and its rules.
 */
public final class PromptSignInService implements StartPromptUseCase, CompletePromptUseCase {
  /** How long the browser has to come back from the prompt. */
  public static final Duration STATE_LIFETIME = Duration.ofMinutes(5);

  // What the states this service makes look like: URL-safe, long enough to be unguessable.
  private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{22,128}");
  private static final Problem NOT_CONFIGURED =
      Problem.of(
          Problem.Code.SECOND_FACTOR_NOT_SET_UP,
          "Your second factor is not set up completely, so you cannot sign in. Ask an"
              + " administrator.");
  private static final Problem START_AGAIN =
      Problem.of(
          Problem.Code.SIGN_IN_SETTINGS_CHANGED,
          "The sign-in settings changed while you were signing in. Sign in again.");

  private final ResumeSessionUseCase sessions;
  private final SessionStore sessionStore;
  private final PendingSignIns pending;
  private final PluginMethods methods;
  private final URI publicUrl;
  private final Throttle throttle;
  private final SignInCompletion completion;
  private final AuditLog audit;
  private final Clock clock;

  /**
   * @param publicUrl the panel's public address, without a trailing slash: a method's callback path
   *     is appended to it
   */
  public PromptSignInService(
      ResumeSessionUseCase sessions,
      SessionStore sessionStore,
      PluginCatalog catalog,
      PluginRepository plugins,
      PendingSignIns pending,
      SecretCipher cipher,
      URI publicUrl,
      FailedAttempts failedAttempts,
      ThrottlePolicy throttlePolicy,
      AuditLog audit,
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.sessionStore = requireNonNull(sessionStore, "sessionStore");
    this.pending = requireNonNull(pending, "pending");
    this.methods =
        new PluginMethods(
            requireNonNull(catalog, "catalog"),
            requireNonNull(plugins, "plugins"),
            requireNonNull(cipher, "cipher"));
    this.publicUrl = requireNonNull(publicUrl, "publicUrl");
    this.throttle =
        new Throttle(
            requireNonNull(failedAttempts, "failedAttempts"),
            requireNonNull(throttlePolicy, "throttlePolicy"));
    this.audit = requireNonNull(audit, "audit");
    this.completion = new SignInCompletion(sessionStore, audit);
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public PromptStartResult start(SessionToken token, String clientAddress, String returnTo) {
    requireNonNull(returnTo, "returnTo");
    Optional<ActiveSession> found =
        sessions.resume(token).filter(PromptSignInService::awaitsPrompt);
    if (found.isEmpty()) {
      return new PromptStartResult.SessionEnded();
    }
    ActiveSession active = found.get();
    PluginId plugin = active.session().secondFactor().plugin().orElseThrow();
    Actor actor = SignInCompletion.actor(active.operator(), clientAddress);
    Instant now = clock.now();
    PluginMethods.Lookup.Found<PromptMethod> lookup;
    switch (methods.find(plugin, PromptMethod.class)) {
      case PluginMethods.Lookup.Found<PromptMethod> ready -> lookup = ready;
      case PluginMethods.Lookup.NotActive<PromptMethod> gone -> {
        // Turned off after the password: signing in again applies the built-in 2FA.
        refuse(active, actor, now, plugin, "not active");
        return new PromptStartResult.Refused(START_AGAIN);
      }
      case PluginMethods.Lookup.Unreadable<PromptMethod> unreadable -> {
        refuse(active, actor, now, plugin, "settings unreadable with this server's key");
        return new PromptStartResult.Refused(NOT_CONFIGURED);
      }
    }
    String state = SessionToken.randomText();
    return switch (lookup
        .method()
        .start(lookup.settings(), active.operator(), state, callbackUri(lookup.method()))) {
      case StepOutcome.Prompt prompt -> {
        var signIn =
            new PendingSignIn(
                Sha256.hex(state),
                plugin,
                active.session().key(),
                active.operator().id(),
                prompt.subject(),
                returnTo,
                now);
        if (!pending.create(signIn)) {
          refuse(active, actor, now, plugin, "uninstalled, or the session ended");
          yield new PromptStartResult.Refused(START_AGAIN);
        }
        yield new PromptStartResult.Redirect(prompt.location());
      }
      case StepOutcome.Refused refused -> {
        refuse(
            active, actor, now, plugin, "refused: " + refused.reason() + detail(refused.detail()));
        yield new PromptStartResult.Refused(false, refused.message());
      }
      case StepOutcome.Unavailable down -> unavailable(active, actor, now, plugin, down);
    };
  }

  private URI callbackUri(PromptMethod method) {
    return URI.create(publicUrl + method.callbackPath());
  }

  /**
   * The provider is down before the redirect: signed in with the password only when the method's
   * settings allow it for this failure (only the method knows which failures are outages), else
   * refused.
   */
  private PromptStartResult unavailable(
      ActiveSession active,
      Actor actor,
      Instant now,
      PluginId plugin,
      StepOutcome.Unavailable down) {
    if (!down.failOpen()) {
      refuse(active, actor, now, plugin, "unavailable: " + down.reason() + detail(down.detail()));
      return new PromptStartResult.Refused(true, down.message());
    }
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN,
            actor,
            active.operator().id().toString(),
            Map.of("factor", plugin.value(), "failure", down.reason(), "detail", down.detail())));
    return completion
        .promote(
            active,
            actor.clientAddress(),
            now,
            Map.of("second_factor", "none: " + plugin.value() + " unavailable, fail open"))
        .<PromptStartResult>map(
            p -> new PromptStartResult.SignedInWithoutSecondFactor(p.token(), p.session()))
        .orElseGet(PromptStartResult.SessionEnded::new);
  }

  @Override
  public PromptCallbackResult complete(PromptCallbackCommand command) {
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
      return rejected(
          claimed, now, signIn.plugin(), Reason.OTHER_BROWSER, "", endWaitingSession(command));
    }
    Optional<ActiveSession> found =
        sessions
            .resume(command.token().get())
            .filter(PromptSignInService::awaitsPrompt)
            .filter(a -> a.operator().id().equals(signIn.operator()))
            .filter(a -> a.session().secondFactor().plugin().equals(Optional.of(signIn.plugin())));
    if (found.isEmpty()) {
      return rejected(claimed, now, signIn.plugin(), Reason.SESSION_ENDED, "", false);
    }
    ActiveSession active = found.get();
    Actor actor = SignInCompletion.actor(active.operator(), command.clientAddress());
    if (!now.isBefore(signIn.createdAt().plus(STATE_LIFETIME))) {
      return end(active, actor, now, signIn.plugin(), Reason.EXPIRED, message(Reason.EXPIRED), "");
    }
    if (!(methods.find(signIn.plugin(), PromptMethod.class)
        instanceof PluginMethods.Lookup.Found<PromptMethod> lookup)) {
      return end(
          active,
          actor,
          now,
          signIn.plugin(),
          Reason.SETTINGS_CHANGED,
          message(Reason.SETTINGS_CHANGED),
          "not active, or settings unreadable");
    }
    // After the redirect every failure is a refusal, whatever the fail mode: the browser was sent
    // to the prompt, so its provider was up, and a failure now is as likely provoked as an outage.
    return switch (lookup
        .method()
        .complete(
            lookup.settings(), command.answer(), signIn.username(), callbackUri(lookup.method()))) {
      case StepOutcome.Refused refused ->
          end(
              active,
              actor,
              now,
              signIn.plugin(),
              Reason.REFUSED,
              refused.message(),
              refused.reason() + detail(refused.detail()));
      case StepOutcome.Unavailable down ->
          end(
              active,
              actor,
              now,
              signIn.plugin(),
              Reason.UNAVAILABLE,
              down.message(),
              down.reason() + detail(down.detail()));
      case StepOutcome.Passed passed ->
          completion
              .promote(active, command.clientAddress(), now, passed.details())
              .<PromptCallbackResult>map(
                  p -> new PromptCallbackResult.SignedIn(p.token(), p.session(), signIn.returnTo()))
              .orElseGet(
                  () -> rejected(actor, now, signIn.plugin(), Reason.SESSION_ENDED, "", false));
    };
  }

  @Override
  public Set<String> callbackPaths() {
    Set<String> paths = new TreeSet<>(Set.of(PromptMethod.CALLBACK_PATH));
    methods.promptMethods().forEach(method -> paths.add(method.callbackPath()));
    return paths;
  }

  private static String detail(String detail) {
    return detail.isEmpty() ? "" : ": " + detail;
  }

  /**
   * A callback whose state an earlier arrival has taken. From the browser that owns the sign-in (a
   * proxy's or the browser's own retry) it must not end the sign-in the first arrival is
   * completing; from any other browser it is refused, and ends only that browser's own waiting
   * session.
   */
  private PromptCallbackResult duplicate(
      PromptCallbackCommand command, PendingSignIn signIn, Instant now) {
    if (command.token().map(t -> t.key().equals(signIn.session())).orElse(false)) {
      return new PromptCallbackResult.Duplicate(signIn.returnTo());
    }
    return rejected(
        new Actor(Optional.of(signIn.operator()), signIn.username(), command.clientAddress()),
        now,
        signIn.plugin(),
        Reason.OTHER_BROWSER,
        "the state was already taken",
        endWaitingSession(command));
  }

  /**
   * Ends the half-signed-in session of the browser that brought a refused callback, when that
   * session waits for a prompt: a refusal ends the sign-in in progress, whichever sign-in the state
   * was for. A fully signed-in session is left alone. True if a session was ended.
   */
  private boolean endWaitingSession(PromptCallbackCommand command) {
    Optional<Session> waiting =
        command
            .token()
            .flatMap(token -> sessionStore.find(token.key()))
            .filter(PromptSignInService::awaitsPrompt);
    waiting.ifPresent(session -> sessionStore.delete(session.key()));
    return waiting.isPresent();
  }

  /**
   * Refuses a callback whose state no sign-in waits for. Anyone can send such callbacks at no cost,
   * so they count against the client address like failed codes, are refused with a wait once it is
   * locked, and are audited as one counted entry per address and throttle window, not a row each. A
   * callback that brings a waiting state is never held back by this.
   */
  private PromptCallbackResult unknownState(
      PromptCallbackCommand command, Instant now, boolean endedSignIn) {
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
              Map.of("factor", "prompt", "reason", "unknown_state")),
          throttle.refusals(counted, now));
      return new PromptCallbackResult.Throttled(locked.get(), endedSignIn);
    }
    throttle.recordFailure(keys, now);
    audit.appendOrCount(
        new AuditEvent(
            now,
            AuditEventType.SECOND_FACTOR_FAILED,
            anonymous,
            "",
            Map.of("factor", "prompt", "reason", "unknown_state")),
        throttle.repeats(keys.getFirst(), now));
    return new PromptCallbackResult.Rejected(
        Reason.UNKNOWN_STATE, message(Reason.UNKNOWN_STATE), endedSignIn);
  }

  private void refuse(
      ActiveSession active, Actor actor, Instant now, PluginId plugin, String reason) {
    sessionStore.delete(active.session().key());
    failed(actor, now, active.operator().id().toString(), plugin, reason);
  }

  private PromptCallbackResult end(
      ActiveSession active,
      Actor actor,
      Instant now,
      PluginId plugin,
      Reason reason,
      String message,
      String detail) {
    sessionStore.delete(active.session().key());
    return rejected(actor, now, plugin, reason, message, detail, true);
  }

  private PromptCallbackResult rejected(
      Actor actor,
      Instant now,
      PluginId plugin,
      Reason reason,
      String detail,
      boolean endedSignIn) {
    return rejected(actor, now, plugin, reason, message(reason), detail, endedSignIn);
  }

  private PromptCallbackResult rejected(
      Actor actor,
      Instant now,
      PluginId plugin,
      Reason reason,
      String message,
      String detail,
      boolean endedSignIn) {
    failed(
        actor,
        now,
        actor.operator().map(Object::toString).orElse(""),
        plugin,
        reason.name().toLowerCase(Locale.ROOT) + detail(detail));
    return new PromptCallbackResult.Rejected(reason, message, endedSignIn);
  }

  private void failed(Actor actor, Instant now, String subject, PluginId plugin, String reason) {
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.SECOND_FACTOR_FAILED,
            actor,
            subject,
            Map.of("factor", plugin.value(), "reason", reason)));
  }

  /** The sentence for a refusal the panel decides; a method words its own. */
  private static String message(Reason reason) {
    return switch (reason) {
      case UNKNOWN_STATE, OTHER_BROWSER, SESSION_ENDED ->
          "This confirmation does not belong to a sign-in in progress in this browser. Sign in"
              + " again.";
      case EXPIRED ->
          "The confirmation took longer than five minutes, so your sign-in was not completed."
              + " Sign in again.";
      case SETTINGS_CHANGED ->
          "The sign-in settings changed while you were signing in, so your sign-in was not"
              + " completed. Sign in again.";
      case REFUSED -> "Your sign-in was not confirmed. Sign in again.";
      case UNAVAILABLE ->
          "Your second factor cannot be reached right now, so your sign-in was not completed."
              + " Sign in again in a few minutes.";
    };
  }

  private static boolean awaitsPrompt(ActiveSession active) {
    return awaitsPrompt(active.session());
  }

  private static boolean awaitsPrompt(Session session) {
    return session.stage() == SessionStage.AWAITING_SECOND_FACTOR
        && session.secondFactor().kind() == SecondFactor.Kind.PROMPT;
  }
}
