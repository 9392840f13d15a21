package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.PasswordField;
import io.supportpro.application.port.in.RequestPasswordResetCommand;
import io.supportpro.application.port.in.RequestPasswordResetResult;
import io.supportpro.application.port.in.RequestPasswordResetUseCase;
import io.supportpro.application.port.in.ResetLinkStatus;
import io.supportpro.application.port.in.ResetPasswordByLinkCommand;
import io.supportpro.application.port.in.ResetPasswordByLinkResult;
import io.supportpro.application.port.in.ResetPasswordByLinkUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.FailedAttempts;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.port.out.PasswordResetLink;
import io.supportpro.application.port.out.PasswordResetLinks;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.Problem;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.operator.ResetToken;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * "Forgot your password?": e-mails an active operator a single-use link that works for 30 minutes,
 * with the same answer whatever the name typed, and sets the password chosen through it.
 */
public final class ForgottenPasswordService
    implements RequestPasswordResetUseCase, ResetPasswordByLinkUseCase {
  /** How long a link works. */
  public static final Duration LINK_LIFETIME = Duration.ofMinutes(30);

  private static final int MAX_LOGIN = 254;

  private final OperatorRepository operators;
  private final PasswordResetLinks links;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final SessionStore sessions;
  private final FailedAttempts failedAttempts;
  private final Throttle throttle;
  private final Mailer mailer;
  private final AccountNotices notices;
  private final Executor mailing;
  private final URI publicUrl;
  private final AuditLog audit;
  private final Clock clock;

  /**
   * @param mailing where links are stored and mails sent, off the request's thread: a request for a
   *     known account then costs the requester as long as one for an unknown name (see {@link
   *     #request})
   * @param publicUrl the panel's public address, without a trailing slash, which links point to
   */
  public ForgottenPasswordService(
      OperatorRepository operators,
      PasswordResetLinks links,
      PasswordHasher hasher,
      PasswordPolicy policy,
      SessionStore sessions,
      FailedAttempts failedAttempts,
      ThrottlePolicy throttlePolicy,
      Mailer mailer,
      Executor mailing,
      URI publicUrl,
      AuditLog audit,
      Clock clock) {
    this.operators = requireNonNull(operators, "operators");
    this.links = requireNonNull(links, "links");
    this.hasher = requireNonNull(hasher, "hasher");
    this.policy = requireNonNull(policy, "policy");
    this.sessions = requireNonNull(sessions, "sessions");
    this.failedAttempts = requireNonNull(failedAttempts, "failedAttempts");
    this.throttle = new Throttle(failedAttempts, requireNonNull(throttlePolicy, "throttlePolicy"));
    this.mailer = requireNonNull(mailer, "mailer");
    this.notices = new AccountNotices(mailer, AccountNotices.languagesOf(operators));
    this.mailing = requireNonNull(mailing, "mailing");
    this.publicUrl = requireNonNull(publicUrl, "publicUrl");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public boolean available() {
    return mailer.configured();
  }

  /**
   * Every request takes the same steps on the caller's thread, whatever the name: the address's
   * throttle, one look-up of the account, the account's throttle, a new token and a hand-over of
   * the rest to {@code mailing}. Storing the link, sending the mail and auditing happen there, for
   * unknown names too, so that neither the answer nor its time says whether an account matched. A
   * flood from one client is told to wait (that says nothing about any account); requests past an
   * account's allowance are answered as usual and send nothing, so that the account's own lock
   * cannot tell which names are one account.
   */
  @Override
  public RequestPasswordResetResult request(RequestPasswordResetCommand command) {
    if (!mailer.configured()) {
      return new RequestPasswordResetResult.Unavailable();
    }
    Instant now = clock.now();
    String login = command.login().strip();
    var actor = Actor.anonymous(login, command.clientAddress());
    if (throttle.reserve(List.of(ThrottleKey.address(command.clientAddress())), now)
        instanceof Throttle.Attempt.Refused refused) {
      throttled(now, actor, refused);
      return new RequestPasswordResetResult.Throttled(refused.retryAfter());
    }
    Optional<OperatorAccount> account =
        login.isEmpty() || login.length() > MAX_LOGIN
            ? Optional.empty()
            : operators.findAccount(login);
    // As for sign-ins: every name of an account shares its allowance, an unknown one counts as
    // typed, and an empty one, which names no account, only against the address.
    String accountKey = account.map(a -> a.operator().id().toString()).orElse(login);
    boolean accountLocked = false;
    if (!login.isEmpty()
        && throttle.reserve(List.of(ThrottleKey.account(accountKey)), now)
            instanceof Throttle.Attempt.Refused refused) {
      throttled(now, actor, refused);
      accountLocked = true;
    }
    Optional<Operator> operator = account.map(OperatorAccount::operator);
    ResetToken token = ResetToken.random();
    Runnable rest;
    if (accountLocked) {
      // Already audited as throttled; handed over all the same, like every other request.
      rest = () -> {};
    } else if (operator.isPresent() && operator.get().active()) {
      rest = () -> sendLink(operator.get(), token, actor, now);
    } else {
      String outcome = operator.isPresent() ? "inactive" : "unknown";
      rest = () -> recordUnsent(operator, actor, now, outcome);
    }
    try {
      mailing.execute(rest);
    } catch (RejectedExecutionException e) {
      recordUnsent(operator, actor, now, "busy");
    }
    return new RequestPasswordResetResult.Accepted();
  }

  private void sendLink(Operator operator, ResetToken token, Actor actor, Instant now) {
    var link =
        new PasswordResetLink(
            token.hash(), operator.id(), now, now.plus(LINK_LIFETIME), Optional.empty());
    MailDelivery delivery =
        links.replace(link)
            ? notices.resetLink(
                operator,
                URI.create(publicUrl + ResetPasswordByLinkUseCase.PATH + "?token=" + token.value()),
                LINK_LIFETIME)
            : MailDelivery.FAILED;
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.PASSWORD_RESET_LINK_REQUESTED,
            actor,
            operator.id().toString(),
            Map.of("outcome", delivery.name().toLowerCase(Locale.ROOT))));
  }

  private void recordUnsent(Optional<Operator> operator, Actor actor, Instant now, String outcome) {
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.PASSWORD_RESET_LINK_REQUESTED,
            actor,
            operator.map(o -> o.id().toString()).orElse(""),
            Map.of("outcome", outcome)));
  }

  private void throttled(Instant now, Actor actor, Throttle.Attempt.Refused refused) {
    audit.appendOrCount(
        new AuditEvent(
            now, AuditEventType.SIGN_IN_THROTTLED, actor, "", Map.of("form", "forgot_password")),
        refused.repeats());
  }

  @Override
  public ResetLinkStatus check(String token) {
    return usable(token, clock.now())
        .<ResetLinkStatus>map(found -> new ResetLinkStatus.Usable(found.operator().username()))
        .orElseGet(ResetLinkStatus.Unusable::new);
  }

  /** The active operator a token's link may still set the password of. */
  private Optional<OperatorAccount> usable(String token, Instant now) {
    return ResetToken.parse(token)
        .flatMap(parsed -> links.find(parsed.hash()))
        .filter(link -> link.usableAt(now))
        .flatMap(link -> operators.findAccount(link.operator()))
        .filter(account -> account.operator().active());
  }

  @Override
  public ResetPasswordByLinkResult reset(ResetPasswordByLinkCommand command) {
    Instant now = clock.now();
    Optional<OperatorAccount> account = usable(command.token(), now);
    if (account.isEmpty()) {
      return new ResetPasswordByLinkResult.Unusable();
    }
    Operator operator = account.get().operator();
    // Judged before the link is used, so that a weak password does not cost the link.
    Map<PasswordField, Problem> problems = new EnumMap<>(PasswordField.class);
    policy
        .problem(command.chosen(), operator.username())
        .ifPresent(problem -> problems.put(PasswordField.CHOSEN, problem));
    if (!command.chosen().value().equals(command.repeated().value())) {
      problems.put(PasswordField.REPEATED, PasswordService.NOT_REPEATED);
    }
    if (!problems.isEmpty()) {
      return new ResetPasswordByLinkResult.Invalid(problems);
    }
    // The one atomic step that decides between two requests with the same link.
    String tokenHash = ResetToken.parse(command.token()).orElseThrow().hash();
    if (links.use(tokenHash, now).isEmpty()) {
      return new ResetPasswordByLinkResult.Unusable();
    }
    // As for an administrator's reset: sessions end before and after the new password is set, so
    // that none begun with the old password outlives it.
    int ended = sessions.deleteAllOf(operator.id());
    if (!operators.setPassword(operator.id(), hasher.hash(command.chosen()), false)) {
      return new ResetPasswordByLinkResult.Unusable();
    }
    ended += sessions.deleteAllOf(operator.id());
    links.deleteAllOf(operator.id());
    // What was counted against the account (guesses of the old password, the requests for links
    // that brought the operator here) does not hold against the new password, so the operator's
    // first sign-in with it is not refused for them.
    failedAttempts.clear(ThrottleKey.account(operator.id().toString()));
    var actor = Actor.operator(operator.id(), operator.username().value(), command.clientAddress());
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.PASSWORD_RESET_BY_LINK,
            actor,
            operator.id().toString(),
            Map.of("ended_sessions", Integer.toString(ended))));
    notifyChanged(operator, now, actor);
    return new ResetPasswordByLinkResult.Changed(ended);
  }

  private void notifyChanged(Operator operator, Instant now, Actor actor) {
    try {
      mailing.execute(() -> notices.passwordChanged(operator, now, actor, SessionClient.UNKNOWN));
    } catch (RejectedExecutionException e) {
      // The password is set either way; the notice is a courtesy that a full queue may drop.
    }
  }
}
