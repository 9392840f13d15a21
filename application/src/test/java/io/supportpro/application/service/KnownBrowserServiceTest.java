package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.testing.InMemoryKnownBrowsers;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.application.testing.RecordingMailer;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.session.SessionToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KnownBrowserServiceTest {
  private static final String ADDRESS = "203.0.113.9";
  private static final String FIREFOX =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

  private final MutableClock clock = MutableClock.atStart();
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final InMemoryKnownBrowsers browsers = new InMemoryKnownBrowsers();
  private final RecordingMailer mailer = new RecordingMailer();
  private final KnownBrowserService service =
      new KnownBrowserService(operators, browsers, mailer, Runnable::run, clock);
  private final Operator ada = operator("ada");

  @BeforeEach
  void setUp() {
    operators.add(ada, new PasswordHash("$test$hash"));
  }

  private Session signedIn() {
    return Session.begin(
        SessionToken.random(),
        ada.id(),
        SecondFactor.NONE,
        clock.now(),
        new SessionClient(ADDRESS, FIREFOX));
  }

  @Test
  void aBrowserWithoutItsCookie_getsOne_andTheOperatorIsToldOfTheNewBrowser() {
    Optional<String> cookie = service.recognise(signedIn(), Optional.empty());

    assertThat(cookie).hasValueSatisfying(v -> assertThat(SessionToken.parse(v)).isPresent());
    assertThat(mailer.sent())
        .singleElement()
        .satisfies(
            mail -> {
              assertThat(mail.to()).isEqualTo(ada.email());
              assertThat(mail.subject()).isEqualTo("SupportPro: sign-in from a new browser");
              assertThat(mail.body())
                  .contains("signed in to your SupportPro account \"ada\"")
                  .contains("from the address " + ADDRESS + " (Firefox on Windows)")
                  .contains("If this was not you")
                  .doesNotContain(cookie.get());
            });
  }

  @Test
  void theNotice_isHandedToTheMailThread_soTheSignInNeverWaitsForTheMailServer() {
    List<Runnable> queued = new ArrayList<>();
    var queueing = new KnownBrowserService(operators, browsers, mailer, queued::add, clock);

    assertThat(queueing.recognise(signedIn(), Optional.empty())).isPresent();
    assertThat(mailer.sent()).isEmpty();

    queued.forEach(Runnable::run);
    assertThat(mailer.sent()).singleElement();
  }

  @Test
  void aFullMailQueue_dropsTheNotice_butTheBrowserIsRemembered() {
    var full =
        new KnownBrowserService(
            operators,
            browsers,
            mailer,
            task -> {
              throw new RejectedExecutionException("full");
            },
            clock);

    String cookie = full.recognise(signedIn(), Optional.empty()).orElseThrow();

    assertThat(mailer.sent()).isEmpty();
    assertThat(service.recognise(signedIn(), Optional.of(cookie))).contains(cookie);
    assertThat(mailer.sent()).isEmpty();
  }

  @Test
  void aBrowserSeenBefore_keepsItsCookie_andNothingIsSent() {
    String cookie = service.recognise(signedIn(), Optional.empty()).orElseThrow();

    assertThat(service.recognise(signedIn(), Optional.of(cookie))).contains(cookie);
    assertThat(mailer.sent()).hasSize(1);
  }

  @Test
  void aMalformedCookie_isReplaced_andCountsAsANewBrowser() {
    Optional<String> cookie = service.recognise(signedIn(), Optional.of("x\r\nSet-Cookie: a=b"));

    assertThat(cookie).hasValueSatisfying(v -> assertThat(v).matches("[A-Za-z0-9_-]{43}"));
    assertThat(mailer.sent()).hasSize(1);
  }

  @Test
  void aSessionNotYetSignedIn_remembersNothing() {
    Session awaitingCode =
        Session.begin(
            SessionToken.random(), ada.id(), SecondFactor.TOTP, clock.now(), SessionClient.UNKNOWN);

    assertThat(service.recognise(awaitingCode, Optional.empty())).isEmpty();
    assertThat(mailer.sent()).isEmpty();
  }

  @Test
  void withoutAMailServer_theBrowserIsStillRemembered_butNothingIsSent() {
    mailer.answer(MailDelivery.NOT_CONFIGURED);

    String cookie = service.recognise(signedIn(), Optional.empty()).orElseThrow();

    assertThat(mailer.sent()).isEmpty();
    assertThat(
            browsers.remember(
                ada.id(),
                SessionToken.parse(cookie).orElseThrow().key().value(),
                clock.now(),
                KnownBrowserService.KEPT_PER_OPERATOR))
        .isFalse();
  }

  @Test
  void aMailServerThatFails_stillCompletesTheSignIn() {
    mailer.answer(MailDelivery.FAILED);

    assertThat(service.recognise(signedIn(), Optional.empty())).isPresent();
  }
}
