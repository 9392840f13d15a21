package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.AccessPolicy.Decision;
import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccessPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
  private static final Operator OPERATOR = OperatorFixtures.operator("olivia");
  private static final Operator ADMIN = OperatorFixtures.administrator("admin");

  private static Optional<ActiveSession> session(Operator operator, SecondFactor factor) {
    return Optional.of(
        new ActiveSession(
            Session.begin(SessionToken.random(), operator.id(), factor, NOW), operator));
  }

  private static Decision decide(Access access, Optional<ActiveSession> visitor) {
    return AccessPolicy.decide(access, visitor, true, "/page?x=1", visitor.isPresent());
  }

  @ParameterizedTest
  @EnumSource(names = {"RESOURCE", "PUBLIC"})
  void resourcesAndPublicPages_areOpenToAnyone(Access access) {
    assertThat(decide(access, Optional.empty())).isEqualTo(new Decision.Allow());
    assertThat(decide(access, session(OPERATOR, SecondFactor.TOTP)))
        .isEqualTo(new Decision.Allow());
  }

  @ParameterizedTest
  @EnumSource(names = {"SIGN_OUT", "SIGNED_IN", "ADMINISTRATOR"})
  void withoutASession_aGetSignsInFirstAndComesBack(Access access) {
    assertThat(decide(access, Optional.empty()))
        .isEqualTo(new Decision.SignInFirst("/login?next=%2Fpage%3Fx%3D1"));
    assertThat(AccessPolicy.decide(access, Optional.empty(), false, "/page", false))
        .isEqualTo(new Decision.SignInFirst("/login"));
  }

  @ParameterizedTest
  @EnumSource(names = {"SECOND_FACTOR", "ENROLMENT", "DUO_STEP"})
  void aSignInStepWithoutASession_startsAgainWithANoticeWhenItTimedOut(Access access) {
    assertThat(AccessPolicy.decide(access, Optional.empty(), true, "/login/enrol", true))
        .isEqualTo(new Decision.SignInFirst("/login?notice=ended"));
    assertThat(AccessPolicy.decide(access, Optional.empty(), true, "/login/enrol", false))
        .isEqualTo(new Decision.SignInFirst("/login"));
  }

  @ParameterizedTest
  @EnumSource(names = {"SIGNED_IN", "ADMINISTRATOR", "ENROLMENT"})
  void aSessionAwaitingItsCode_isSentToTheSecondFactorStep(Access access) {
    assertThat(decide(access, session(ADMIN, SecondFactor.TOTP)))
        .isEqualTo(new Decision.ContinueSignIn("/login/second-factor"));
  }

  @Test
  void aSessionAwaitingItsCode_mayTakeItsStepAndSignOut() {
    assertThat(decide(Access.SECOND_FACTOR, session(OPERATOR, SecondFactor.TOTP)))
        .isEqualTo(new Decision.Allow());
    assertThat(decide(Access.SIGN_OUT, session(OPERATOR, SecondFactor.TOTP)))
        .isEqualTo(new Decision.Allow());
  }

  @ParameterizedTest
  @EnumSource(names = {"SECOND_FACTOR", "ENROLMENT", "SIGNED_IN", "ADMINISTRATOR"})
  void aSessionAwaitingDuo_isSentToTheDuoStepFromAnywhereElse(Access access) {
    assertThat(decide(access, session(ADMIN, SecondFactor.DUO)))
        .isEqualTo(new Decision.ContinueSignIn("/login/duo"));
  }

  @ParameterizedTest
  @EnumSource(names = {"DUO_STEP", "DUO_CALLBACK", "SIGN_OUT"})
  void aSessionAwaitingDuo_reachesItsStepTheCallbackAndSignOut(Access access) {
    assertThat(decide(access, session(OPERATOR, SecondFactor.DUO))).isEqualTo(new Decision.Allow());
  }

  @ParameterizedTest
  @EnumSource(
      value = SecondFactor.class,
      names = {"TOTP", "TOTP_ENROLMENT"})
  void theDuoStep_isNotForAnotherStep(SecondFactor factor) {
    assertThat(decide(Access.DUO_STEP, session(OPERATOR, factor)))
        .isNotEqualTo(new Decision.Allow());
  }

  @Test
  void theDuoCallback_answersEveryoneSoThatAStrayCallbackGetsAMessage() {
    assertThat(decide(Access.DUO_CALLBACK, Optional.empty())).isEqualTo(new Decision.Allow());
    assertThat(AccessPolicy.decide(Access.DUO_CALLBACK, Optional.empty(), true, "/x", true))
        .isEqualTo(new Decision.Allow());
    assertThat(decide(Access.DUO_CALLBACK, session(OPERATOR, SecondFactor.NONE)))
        .isEqualTo(new Decision.Allow());
  }

  @ParameterizedTest
  @EnumSource(names = {"SIGNED_IN", "ADMINISTRATOR", "SECOND_FACTOR"})
  void aSessionThatMustEnrol_isSentToEnrolment(Access access) {
    assertThat(decide(access, session(ADMIN, SecondFactor.TOTP_ENROLMENT)))
        .isEqualTo(new Decision.ContinueSignIn("/login/enrol"));
    assertThat(decide(Access.ENROLMENT, session(ADMIN, SecondFactor.TOTP_ENROLMENT)))
        .isEqualTo(new Decision.Allow());
  }

  @Test
  void aSignedInOperator_reachesTheirPagesButNotAdministration() {
    var signedIn = session(OPERATOR, SecondFactor.NONE);

    assertThat(decide(Access.SIGNED_IN, signedIn)).isEqualTo(new Decision.Allow());
    assertThat(decide(Access.SIGN_OUT, signedIn)).isEqualTo(new Decision.Allow());
    assertThat(decide(Access.ADMINISTRATOR, signedIn)).isEqualTo(new Decision.Forbidden());
    assertThat(decide(Access.SECOND_FACTOR, signedIn)).isEqualTo(new Decision.Home());
    assertThat(decide(Access.ENROLMENT, signedIn)).isEqualTo(new Decision.Home());
    assertThat(decide(Access.DUO_STEP, signedIn)).isEqualTo(new Decision.Home());
  }

  @Test
  void aSignedInAdministrator_reachesAdministration() {
    assertThat(decide(Access.ADMINISTRATOR, session(ADMIN, SecondFactor.NONE)))
        .isEqualTo(new Decision.Allow());
  }

  @Test
  void aRouteWithoutAGroup_needsAFullSignIn() {
    assertThat(Access.of(java.util.Set.of())).isEqualTo(Access.SIGNED_IN);
    assertThat(Access.of(java.util.Set.of(Access.PUBLIC))).isEqualTo(Access.PUBLIC);
  }
}
