package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.RecogniseBrowserUseCase;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.KnownBrowsers;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
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

  private final OperatorRepository operators;
  private final KnownBrowsers browsers;
  private final AccountNotices notices;
  private final Executor mailing;
  private final Clock clock;

  public KnownBrowserService(
      OperatorRepository operators,
      KnownBrowsers browsers,
      Mailer mailer,
      Executor mailing,
      Clock clock) {
    this.operators = requireNonNull(operators, "operators");
    this.browsers = requireNonNull(browsers, "browsers");
    this.notices = new AccountNotices(mailer, AccountNotices.languagesOf(operators));
    this.mailing = requireNonNull(mailing, "mailing");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Takes the session the sign-in answered with rather than reading it again, and reads the
   * operator only for a notice that a mail server will send.
   */
  @Override
  public Optional<String> recognise(Session session, Optional<String> browserCookie) {
    if (!session.signedIn()) {
      return Optional.empty();
    }
    Optional<SessionToken> presented = browserCookie.flatMap(SessionToken::parse);
    SessionToken browser = presented.orElseGet(SessionToken::random);
    Instant now = clock.now();
    if (isNew(session.operator(), presented.isEmpty(), browser, now)
        && notices.mailServerConfigured()) {
      // Sent off the request's thread: the sign-in neither waits for a slow mail server nor
      // depends on what becomes of the e-mail (the mailer logs a failure; a full queue drops it).
      try {
        mailing.execute(() -> tell(session.operator(), now, session.client()));
      } catch (RejectedExecutionException full) {
        // The browser is remembered all the same; only this notice is lost.
      }
    }
    return Optional.of(browser.value());
  }

  // A cookie made just now cannot be known yet: recording it needs no look for it first.
  private boolean isNew(OperatorId operator, boolean madeNow, SessionToken browser, Instant now) {
    String hash = browser.key().value();
    if (madeNow) {
      browsers.rememberNew(operator, hash, now, KEPT_PER_OPERATOR);
      return true;
    }
    return browsers.remember(operator, hash, now, KEPT_PER_OPERATOR);
  }

  private void tell(OperatorId operator, Instant at, SessionClient client) {
    operators
        .findById(operator)
        .filter(Operator::active)
        .ifPresent(signedIn -> notices.newBrowser(signedIn, at, client));
  }
}
