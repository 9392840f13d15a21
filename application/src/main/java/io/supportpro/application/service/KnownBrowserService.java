package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.RecogniseBrowserUseCase;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.KnownBrowsers;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Remembers the browsers operators sign in from, by the hash of a random cookie that outlives the
 * session, and e-mails an operator when a sign-in completes from a browser not seen before for
 * them; the cookie value has the shape and strength of a session token, and only its hash is kept.
 */
public final class KnownBrowserService implements RecogniseBrowserUseCase {
  /** How many browsers are remembered per operator: the most recently seen ones. */
  public static final int KEPT_PER_OPERATOR = 20;

  /** How long a browser not signed in from is remembered; the browser's cookie lives as long. */
  public static final Duration FORGET_AFTER = Duration.ofDays(400);

  private final SessionStore sessions;
  private final OperatorRepository operators;
  private final KnownBrowsers browsers;
  private final AccountNotices notices;
  private final Executor mailing;
  private final Clock clock;

  public KnownBrowserService(
      SessionStore sessions,
      OperatorRepository operators,
      KnownBrowsers browsers,
      Mailer mailer,
      Executor mailing,
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.operators = requireNonNull(operators, "operators");
    this.browsers = requireNonNull(browsers, "browsers");
    this.notices = new AccountNotices(mailer, AccountNotices.languagesOf(operators));
    this.mailing = requireNonNull(mailing, "mailing");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<String> recognise(SessionToken token, Optional<String> browserCookie) {
    Optional<Session> session = sessions.find(token.key()).filter(Session::signedIn);
    Optional<Operator> operator =
        session.flatMap(s -> operators.findById(s.operator())).filter(Operator::active);
    if (operator.isEmpty()) {
      return Optional.empty();
    }
    SessionToken browser =
        browserCookie.flatMap(SessionToken::parse).orElseGet(SessionToken::random);
    Instant now = clock.now();
    if (browsers.remember(operator.get().id(), browser.key().value(), now, KEPT_PER_OPERATOR)) {
      // Sent off the request's thread: the sign-in neither waits for a slow mail server nor
      // depends on what becomes of the e-mail (the mailer logs a failure; a full queue drops it).
      Operator signedIn = operator.get();
      var client = session.get().client();
      try {
        mailing.execute(() -> notices.newBrowser(signedIn, now, client));
      } catch (RejectedExecutionException full) {
        // The browser is remembered all the same; only this notice is lost.
      }
    }
    return Optional.of(browser.value());
  }
}
