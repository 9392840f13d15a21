package io.supportpro.domain.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.throttle.ThrottleKey.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottlePolicyTest {
  private final ThrottlePolicy policy = ThrottlePolicy.DEFAULT;

  @Test
  void default_allowsFivePerAccountTwentyPerAddressLocks30sTo15MinAndForgetsAfterAnHour() {
    assertThat(policy)
        .isEqualTo(
            new ThrottlePolicy(
                5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1)));
  }

  @Test
  void freeFailures_accountsAndSecondFactorsGetTheAccountAllowanceAddressesTheirOwn() {
    assertThat(policy.freeFailures(Kind.ACCOUNT)).isEqualTo(5);
    assertThat(policy.freeFailures(Kind.SECOND_FACTOR)).isEqualTo(5);
    assertThat(policy.freeFailures(Kind.ADDRESS)).isEqualTo(20);
  }

  @ParameterizedTest(name = "{0} failures -> locked {1}")
  @CsvSource({
    "0,  PT0S",
    "1,  PT0S",
    "4,  PT0S",
    "5,  PT30S",
    "6,  PT1M",
    "7,  PT2M",
    "8,  PT4M",
    "9,  PT8M",
    "10, PT15M",
    "11, PT15M",
    "50, PT15M"
  })
  void lockAfter_accountLocksAtItsFifthFailureThenDoublesUpToTheCeiling(
      int failures, Duration expected) {
    assertThat(policy.lockAfter(Kind.ACCOUNT, failures)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} failures -> locked {1}")
  @CsvSource({"4, PT0S", "5, PT30S", "6, PT1M", "10, PT15M"})
  void lockAfter_secondFactorFollowsTheAccountAllowance(int failures, Duration expected) {
    assertThat(policy.lockAfter(Kind.SECOND_FACTOR, failures)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} failures -> locked {1}")
  @CsvSource({
    "1,  PT0S",
    "5,  PT0S",
    "6,  PT0S",
    "19, PT0S",
    "20, PT30S",
    "21, PT1M",
    "22, PT2M",
    "25, PT15M",
    "99, PT15M"
  })
  void lockAfter_addressHasAHigherAllowance(int failures, Duration expected) {
    assertThat(policy.lockAfter(Kind.ADDRESS, failures)).isEqualTo(expected);
  }

  @Test
  void lockAfter_eachFurtherFailureDoublesTheLockUntilTheCeiling() {
    for (int failures = 5; failures < 40; failures++) {
      Duration lock = policy.lockAfter(Kind.ACCOUNT, failures);
      Duration next = policy.lockAfter(Kind.ACCOUNT, failures + 1);

      assertThat(next).isEqualTo(min(lock.multipliedBy(2), Duration.ofMinutes(15)));
    }
  }

  @Test
  void lockAfter_neverPassesTheCeilingEvenForHugeCounts() {
    assertThat(policy.lockAfter(Kind.ACCOUNT, Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    assertThat(policy.lockAfter(Kind.ADDRESS, Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void lockAfter_aCeilingThatIsNotAPowerOfTwoOfTheFirstLockIsStillTheCeiling() {
    var odd = new ThrottlePolicy(1, 1, Duration.ofSeconds(7), Duration.ofSeconds(20), hour());

    assertThat(odd.lockAfter(Kind.ACCOUNT, 1)).isEqualTo(Duration.ofSeconds(7));
    assertThat(odd.lockAfter(Kind.ACCOUNT, 2)).isEqualTo(Duration.ofSeconds(14));
    assertThat(odd.lockAfter(Kind.ACCOUNT, 3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(odd.lockAfter(Kind.ACCOUNT, 4)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void lockAfter_aFirstLockEqualToTheCeilingStaysThere() {
    var flat = new ThrottlePolicy(3, 3, Duration.ofMinutes(1), Duration.ofMinutes(1), hour());

    assertThat(flat.lockAfter(Kind.ACCOUNT, 2)).isZero();
    assertThat(flat.lockAfter(Kind.ACCOUNT, 3)).isEqualTo(Duration.ofMinutes(1));
    assertThat(flat.lockAfter(Kind.ACCOUNT, 30)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void forgetBefore_isOneWindowBeforeNow() {
    Instant now = Instant.parse("2026-01-05T09:00:00Z");

    assertThat(policy.forgetBefore(now)).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
  }

  @Test
  void forgetBefore_followsTheConfiguredWindow() {
    var shortWindow =
        new ThrottlePolicy(
            5, 20, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5));
    Instant now = Instant.parse("2026-01-05T09:00:00Z");

    assertThat(shortWindow.forgetBefore(now)).isEqualTo(now.minus(Duration.ofMinutes(5)));
  }

  @Test
  void refusesAPolicyWithNoFreeFailures() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ThrottlePolicy(0, 20, seconds(30), seconds(60), hour()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ThrottlePolicy(5, 0, seconds(30), seconds(60), hour()));
  }

  @Test
  void refusesAFirstLockLongerThanTheCeiling() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ThrottlePolicy(5, 20, seconds(61), seconds(60), hour()))
        .withMessage("A throttle allows some failures and locks for longer later.");
  }

  @Test
  void refusesMissingDurations() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ThrottlePolicy(5, 20, null, seconds(60), hour()));
    assertThatNullPointerException()
        .isThrownBy(() -> new ThrottlePolicy(5, 20, seconds(30), null, hour()));
    assertThatNullPointerException()
        .isThrownBy(() -> new ThrottlePolicy(5, 20, seconds(30), seconds(60), null));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration seconds(long n) {
    return Duration.ofSeconds(n);
  }

  private static Duration hour() {
    return Duration.ofHours(1);
  }
}
