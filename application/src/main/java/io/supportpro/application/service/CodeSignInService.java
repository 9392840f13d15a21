package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.CodeCommand;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.PassSecondFactorUseCase;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.domain.Problem;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.secondfactor.CodeField;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.util.List;
import java.util.Optional;

/**
 * The second step of a sign-in whose factor is a code typed on the panel's page: the built-in
 * authenticator app (or a recovery code), or a plugin's code method. Every code is counted before
 * it is checked; a right one signs the session in under a new token.
 */
public final class CodeSignInService implements PassSecondFactorUseCase {
  private static final Problem NOT_CONFIGURED =
      Problem.of(
          Problem.Code.SECOND_FACTOR_NOT_SET_UP,
          "Your second factor is not set up completely, so you cannot sign in. Ask an"
              + " administrator.");

  private final ResumeSessionUseCase sessions;
  private final SessionStore sessionStore;
  private final TotpCodes totp;
  private final PluginMethods methods;
  private final CodeAttempts attempts;
  private final SignInCompletion completion;

  public CodeSignInService(
      ResumeSessionUseCase sessions,
      SessionStore sessionStore,
      TotpCredentials credentials,
      PluginCatalog catalog,
      PluginRepository plugins,
      SecretCipher cipher,
      FailedAttempts failedAttempts,
      ThrottlePolicy throttlePolicy,
      AuditLog audit,
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.sessionStore = requireNonNull(sessionStore, "sessionStore");
    this.totp =
        new TotpCodes(
            requireNonNull(credentials, "credentials"),
            requireNonNull(cipher, "cipher"),
            requireNonNull(audit, "audit"),
            requireNonNull(clock, "clock"));
    this.methods =
        new PluginMethods(
            requireNonNull(catalog, "catalog"), requireNonNull(plugins, "plugins"), cipher);
    this.attempts = new CodeAttempts(failedAttempts, throttlePolicy, audit, clock);
    this.completion = new SignInCompletion(sessionStore, audit);
  }

  @Override
  public Optional<CodeField> field(SessionToken token) {
    Optional<ActiveSession> active = awaitingCode(token);
    Optional<PluginId> plugin = active.flatMap(a -> a.session().secondFactor().plugin());
    if (plugin.isEmpty()) {
      return active.map(builtIn -> totp.field());
    }
    return methods.find(plugin.get(), CodeMethod.class)
            instanceof PluginMethods.Lookup.Found<CodeMethod> found
        ? Optional.of(found.method().field())
        : Optional.empty();
  }

  @Override
  public CodeResult passSecondFactor(CodeCommand command) {
    // A session waiting for a prompt is refused before its code is checked: no code is spent.
    Optional<ActiveSession> found = awaitingCode(command.token());
    if (found.isEmpty()) {
      return new CodeResult.SessionEnded();
    }
    ActiveSession active = found.get();
    Optional<PluginId> plugin = active.session().secondFactor().plugin();
    CodeMethod method = totp;
    PluginSettings settings = PluginSettings.EMPTY;
    if (plugin.isEmpty() && !totp.enrolled(active.operator().id())) {
      // The app was reset or removed after the password: sign in again.
      return new CodeResult.SessionEnded();
    }
    if (plugin.isPresent()) {
      switch (methods.find(plugin.get(), CodeMethod.class)) {
        case PluginMethods.Lookup.Found<CodeMethod> lookup -> {
          method = lookup.method();
          settings = lookup.settings();
        }
        case PluginMethods.Lookup.NotActive<CodeMethod> gone -> {
          // Turned off after the password: signing in again applies what holds now.
          sessionStore.delete(active.session().key());
          return new CodeResult.SessionEnded();
        }
        case PluginMethods.Lookup.Unreadable<CodeMethod> unreadable -> {
          return new CodeResult.NotApplicable(NOT_CONFIGURED);
        }
      }
    }
    CodeMethod checking = method;
    PluginSettings using = settings;
    return attempts.attempt(
        active,
        command.clientAddress(),
        active.session().secondFactor(),
        now ->
            CodeAttempts.Checked.of(
                checking.check(
                    using,
                    new CodeMethod.Attempt(
                        active.operator(), command.code(), command.clientAddress())),
                passed ->
                    completion
                        .promote(active, command.clientAddress(), now, passed.details())
                        .<CodeResult>map(
                            p ->
                                new CodeResult.Accepted(
                                    p.token(), p.session(), List.of(), NoticeEmail.NONE))
                        .orElseGet(CodeResult.SessionEnded::new)));
  }

  private Optional<ActiveSession> awaitingCode(SessionToken token) {
    return sessions
        .resume(token)
        .filter(
            active ->
                active.session().stage() == SessionStage.AWAITING_SECOND_FACTOR
                    && active.session().secondFactor().kind() == SecondFactor.Kind.CODE);
  }
}
