package io.supportpro.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.secondfactor.SecondFactor;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionTimeoutsTest {
  private static final Instant BEGUN = Instant.parse("2026-01-05T09:00:00Z");
  private static final Duration NANO = Duration.ofNanos(1);
  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final Duration ABSOLUTE = Duration.ofHours(12);
  private static final Duration PARTIAL = Duration.ofMinutes(10);

  private final SessionTimeouts timeouts = new SessionTimeouts(IDLE, ABSOLUTE, PARTIAL);
  private final OperatorId operator = OperatorId.random();

  private Session signedIn(Instant createdAt, Instant lastSeenAt) {
    Session begun = Session.begin(SessionToken.random(), operator, SecondFactor.NONE, createdAt);
    return new Session(
        begun.key(),
        operator,
        SessionStage.SIGNED_IN,
        SecondFactor.NONE,
        begun.csrfToken(),
        createdAt,
        lastSeenAt);
  }

  private Session partial(SecondFactor factor, Instant lastSeenAt) {
    Session begun = Session.begin(SessionToken.random(), operator, factor, BEGUN);
    return new Session(
        begun.key(), operator, begun.stage(), factor, begun.csrfToken(), BEGUN, lastSeenAt);
  }

  @Test
  void default_is30MinutesIdle12HoursInAllAnd10MinutesForTheSecondFactor() {
    assertThat(SessionTimeouts.DEFAULT).isEqualTo(timeouts);
  }

  @Test
  void expired_notWhileFresh() {
    assertThat(timeouts.expired(signedIn(BEGUN, BEGUN), BEGUN)).isFalse();
  }

  @Test
  void expired_idleFromTheLastActivity() {
    Session session = signedIn(BEGUN, BEGUN);

    assertThat(timeouts.expired(session, BEGUN.plus(IDLE).minus(NANO))).isFalse();
    assertThat(timeouts.expired(session, BEGUN.plus(IDLE))).isTrue();
    assertThat(timeouts.expired(session, BEGUN.plus(IDLE).plus(NANO))).isTrue();
  }

  @Test
  void expired_activityPushesTheIdleTimeoutBack() {
    Instant lastSeen = BEGUN.plus(Duration.ofHours(2));
    Session session = signedIn(BEGUN, lastSeen);

    assertThat(timeouts.expired(session, BEGUN.plus(IDLE))).isFalse();
    assertThat(timeouts.expired(session, lastSeen.plus(IDLE).minus(NANO))).isFalse();
    assertThat(timeouts.expired(session, lastSeen.plus(IDLE))).isTrue();
  }

  @Test
  void expired_absoluteFromCreationHoweverRecentTheActivity() {
    Instant end = BEGUN.plus(ABSOLUTE);
    Session session = signedIn(BEGUN, end.minus(Duration.ofSeconds(5)));

    assertThat(timeouts.expired(session, end.minus(NANO))).isFalse();
    assertThat(timeouts.expired(session, end)).isTrue();
    assertThat(timeouts.expired(session, end.plus(Duration.ofDays(1)))).isTrue();
  }

  @Test
  void expired_absoluteEvenWhenTheSessionWasSeenAtThatVeryMoment() {
    Instant end = BEGUN.plus(ABSOLUTE);

    assertThat(timeouts.expired(signedIn(BEGUN, end), end)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("io.supportpro.domain.fixtures.SecondFactors#partial")
  void expired_partialSessionAfterTheSecondFactorTimeoutFromCreation(SecondFactor factor) {
    Session session = partial(factor, BEGUN);

    assertThat(timeouts.expired(session, BEGUN.plus(PARTIAL).minus(NANO))).isFalse();
    assertThat(timeouts.expired(session, BEGUN.plus(PARTIAL))).isTrue();
  }

  @ParameterizedTest
  @MethodSource("io.supportpro.domain.fixtures.SecondFactors#partial")
  void expired_partialSessionIsNotKeptAliveByActivity(SecondFactor factor) {
    Session session = partial(factor, BEGUN.plus(PARTIAL).minus(Duration.ofSeconds(1)));

    assertThat(timeouts.expired(session, BEGUN.plus(PARTIAL))).isTrue();
  }

  @Test
  void expired_partialSessionEvenThoughItsIdleTimeHasNotPassed() {
    // The idle timeout (30 min) is longer than the second-factor one (10 min): the shorter wins.
    Session session = partial(SecondFactor.TOTP, BEGUN);

    assertThat(timeouts.expired(session, BEGUN.plus(Duration.ofMinutes(15)))).isTrue();
  }

  @Test
  void expired_signedInSessionIsNotHeldToTheSecondFactorTimeout() {
    Session session = signedIn(BEGUN, BEGUN.plus(Duration.ofMinutes(9)));

    assertThat(timeouts.expired(session, BEGUN.plus(Duration.ofMinutes(20)))).isFalse();
  }

  @Test
  void expired_partialSessionAlsoEndsAtTheAbsoluteTimeout() {
    var longPartial = new SessionTimeouts(IDLE, Duration.ofHours(1), Duration.ofHours(2));
    Session session = partial(SecondFactor.TOTP, BEGUN);

    assertThat(longPartial.expired(session, BEGUN.plus(Duration.ofMinutes(59)))).isFalse();
    assertThat(longPartial.expired(session, BEGUN.plus(Duration.ofHours(1)))).isTrue();
  }

  @Test
  void acceptsAnIdleTimeoutEqualToTheAbsoluteOne() {
    var equal = new SessionTimeouts(ABSOLUTE, ABSOLUTE, PARTIAL);

    assertThat(equal.idle()).isEqualTo(equal.absolute());
  }

  @Test
  void refusesAnIdleTimeoutLongerThanTheAbsoluteOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionTimeouts(ABSOLUTE.plus(NANO), ABSOLUTE, PARTIAL))
        .withMessage("The idle timeout is positive and at most the absolute.");
  }

  @Test
  void refusesAZeroOrNegativeIdleTimeout() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionTimeouts(Duration.ZERO, ABSOLUTE, PARTIAL));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionTimeouts(Duration.ofMinutes(-1), ABSOLUTE, PARTIAL));
  }

  @Test
  void refusesAZeroOrNegativeSecondFactorTimeout() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionTimeouts(IDLE, ABSOLUTE, Duration.ZERO))
        .withMessage("The second-factor timeout is positive.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionTimeouts(IDLE, ABSOLUTE, Duration.ofSeconds(-1)));
  }

  @Test
  void refusesMissingDurations() {
    assertThatNullPointerException().isThrownBy(() -> new SessionTimeouts(null, ABSOLUTE, PARTIAL));
    assertThatNullPointerException().isThrownBy(() -> new SessionTimeouts(IDLE, null, PARTIAL));
    assertThatNullPointerException().isThrownBy(() -> new SessionTimeouts(IDLE, ABSOLUTE, null));
  }
}
