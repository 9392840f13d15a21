package io.supportpro.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.secondfactor.SecondFactor;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionTest {
  private static final Instant BEGUN = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant LATER = BEGUN.plus(Duration.ofMinutes(3));

  private final OperatorId operator = OperatorId.random();

  @Test
  void begin_storesTheSessionUnderTheKeyOfItsToken() {
    SessionToken token = SessionToken.random();

    Session session = Session.begin(token, operator, SecondFactor.NONE, BEGUN);

    assertThat(session.key()).isEqualTo(token.key());
    assertThat(session.operator()).isEqualTo(operator);
  }

  @ParameterizedTest
  @MethodSource("io.supportpro.domain.fixtures.SecondFactors#all")
  void begin_startsAtTheStageTheSecondFactorCallsFor(SecondFactor factor) {
    Session session = Session.begin(SessionToken.random(), operator, factor, BEGUN);

    assertThat(session.stage()).isEqualTo(SessionStage.afterPassword(factor));
    assertThat(session.secondFactor()).isEqualTo(factor);
    assertThat(session.signedIn()).isEqualTo(factor == SecondFactor.NONE);
  }

  @Test
  void begin_isCreatedAndLastSeenNow() {
    Session session = Session.begin(SessionToken.random(), operator, SecondFactor.TOTP, BEGUN);

    assertThat(session.createdAt()).isEqualTo(BEGUN);
    assertThat(session.lastSeenAt()).isEqualTo(BEGUN);
  }

  @Test
  void begin_givesEachSessionItsOwnCsrfTokenUnlikeItsSessionToken() {
    SessionToken token = SessionToken.random();

    Session first = Session.begin(token, operator, SecondFactor.NONE, BEGUN);
    Session second = Session.begin(token, operator, SecondFactor.NONE, BEGUN);

    assertThat(first.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(token.value());
    assertThat(second.csrfToken()).isNotEqualTo(first.csrfToken());
  }

  @ParameterizedTest
  @MethodSource("io.supportpro.domain.fixtures.SecondFactors#partial")
  void signedInAs_movesTheSessionToANewKeyFullySignedIn(SecondFactor factor) {
    Session partial = Session.begin(SessionToken.random(), operator, factor, BEGUN);
    SessionToken next = SessionToken.random();

    Session signedIn = partial.signedInAs(next, LATER);

    assertThat(signedIn.key()).isEqualTo(next.key()).isNotEqualTo(partial.key());
    assertThat(signedIn.stage()).isEqualTo(SessionStage.SIGNED_IN);
    assertThat(signedIn.signedIn()).isTrue();
    assertThat(signedIn.operator()).isEqualTo(operator);
    assertThat(signedIn.secondFactor()).isEqualTo(factor);
  }

  @Test
  void signedInAs_issuesANewCsrfToken() {
    Session partial = Session.begin(SessionToken.random(), operator, SecondFactor.TOTP, BEGUN);
    SessionToken next = SessionToken.random();

    Session signedIn = partial.signedInAs(next, LATER);

    assertThat(signedIn.csrfToken())
        .matches("[A-Za-z0-9_-]{43}")
        .isNotEqualTo(partial.csrfToken())
        .isNotEqualTo(next.value());
  }

  @Test
  void signedInAs_keepsTheMomentTheSessionBeganAndIsLastSeenNow() {
    Session partial = Session.begin(SessionToken.random(), operator, SecondFactor.TOTP, BEGUN);

    Session signedIn = partial.signedInAs(SessionToken.random(), LATER);

    assertThat(signedIn.createdAt()).isEqualTo(BEGUN);
    assertThat(signedIn.lastSeenAt()).isEqualTo(LATER);
  }

  @Test
  void signedInAs_andSeenAt_keepTheClientTheSessionWasBegunFrom() {
    var client = new SessionClient("192.0.2.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
    Session partial =
        Session.begin(SessionToken.random(), operator, SecondFactor.TOTP, BEGUN, client);

    assertThat(partial.client()).isEqualTo(client);
    assertThat(partial.signedInAs(SessionToken.random(), LATER).client()).isEqualTo(client);
    assertThat(partial.seenAt(LATER).client()).isEqualTo(client);
    assertThat(partial.seenAt(LATER).lastSeenAt()).isEqualTo(LATER);
  }

  @Test
  void aSessionBegunWithoutAClient_hasTheUnknownClient() {
    assertThat(Session.begin(SessionToken.random(), operator, SecondFactor.NONE, BEGUN).client())
        .isEqualTo(SessionClient.UNKNOWN);
  }

  @Test
  void signedInAs_leavesTheOriginalSessionAsItWas() {
    Session partial = Session.begin(SessionToken.random(), operator, SecondFactor.TOTP, BEGUN);
    Session copy =
        new Session(
            partial.key(),
            partial.operator(),
            partial.stage(),
            partial.secondFactor(),
            partial.csrfToken(),
            partial.createdAt(),
            partial.lastSeenAt());

    partial.signedInAs(SessionToken.random(), LATER);

    assertThat(partial).isEqualTo(copy);
    assertThat(partial.stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR);
  }

  @Test
  void refusesMissingParts() {
    Session s = Session.begin(SessionToken.random(), operator, SecondFactor.NONE, BEGUN);
    SessionKey k = s.key();
    OperatorId o = s.operator();
    SessionStage st = s.stage();
    SecondFactor f = s.secondFactor();
    String c = s.csrfToken();

    assertThatNullPointerException().isThrownBy(() -> new Session(null, o, st, f, c, BEGUN, BEGUN));
    assertThatNullPointerException().isThrownBy(() -> new Session(k, null, st, f, c, BEGUN, BEGUN));
    assertThatNullPointerException().isThrownBy(() -> new Session(k, o, null, f, c, BEGUN, BEGUN));
    assertThatNullPointerException().isThrownBy(() -> new Session(k, o, st, null, c, BEGUN, BEGUN));
    assertThatNullPointerException().isThrownBy(() -> new Session(k, o, st, f, null, BEGUN, BEGUN));
    assertThatNullPointerException().isThrownBy(() -> new Session(k, o, st, f, c, null, BEGUN));
    assertThatNullPointerException().isThrownBy(() -> new Session(k, o, st, f, c, BEGUN, null));
  }
}
