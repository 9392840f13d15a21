package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.AccessPolicy.Decision;
import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.fixtures.SecondFactors;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
  private static final Operator OPERATOR = OperatorFixtures.operator("olivia");
  private static final Operator ADMIN = OperatorFixtures.administrator("admin");

  private static Optional<ActiveSession> session(Operator operator, SecondFactor factor) {
    return Optional.of(
        new ActiveSession(
            Session.begin(SessionToken.random(), operator.id(), factor, NOW), operator, false));
  }

  private static Optional<ActiveSession> mustChangePassword(
      Operator operator, SecondFactor factor) {
    return Optional.of(
        new ActiveSession(
            Session.begin(SessionToken.random(), operator.id(), factor, NOW), operator, true));
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
  @EnumSource(names = {"SIGN_OUT", "PASSWORD", "SIGNED_IN", "ADMINISTRATOR"})
  void withoutASession_aGetSignsInFirstAndComesBack(Access access) {
    assertThat(decide(access, Optional.empty()))
        .isEqualTo(new Decision.SignInFirst("/login?next=%2Fpage%3Fx%3D1"));
    assertThat(AccessPolicy.decide(access, Optional.empty(), false, "/page", false))
        .isEqualTo(new Decision.SignInFirst("/login"));
  }

  @ParameterizedTest
  @EnumSource(names = {"SECOND_FACTOR", "ENROLMENT", "PROMPT_STEP"})
  void aSignInStepWithoutASession_startsAgainWithANoticeWhenItTimedOut(Access access) {
    assertThat(AccessPolicy.decide(access, Optional.empty(), true, "/login/enrol", true))
        .isEqualTo(new Decision.SignInFirst("/login?notice=ended"));
    assertThat(AccessPolicy.decide(access, Optional.empty(), true, "/login/enrol", false))
        .isEqualTo(new Decision.SignInFirst("/login"));
  }

  static Stream<SecondFactor> codes() {
    return Stream.of(SecondFactor.TOTP, SecondFactors.PLUGIN_CODE);
  }

  @ParameterizedTest
  @MethodSource("codes")
  void aSessionAwaitingACode_isSentToTheSecondFactorStep(SecondFactor code) {
    for (Access access : new Access[] {Access.SIGNED_IN, Access.ADMINISTRATOR, Access.ENROLMENT}) {
      assertThat(decide(access, session(ADMIN, code)))
          .as(access.name())
          .isEqualTo(new Decision.ContinueSignIn("/login/second-factor"));
    }
  }

  @ParameterizedTest
  @MethodSource("codes")
  void aSessionAwaitingACode_mayTakeItsStepAndSignOut(SecondFactor code) {
    assertThat(decide(Access.SECOND_FACTOR, session(OPERATOR, code)))
        .isEqualTo(new Decision.Allow());
    assertThat(decide(Access.SIGN_OUT, session(OPERATOR, code))).isEqualTo(new Decision.Allow());
  }

  @ParameterizedTest
  @EnumSource(names = {"SECOND_FACTOR", "ENROLMENT", "SIGNED_IN", "ADMINISTRATOR"})
  void aSessionAwaitingAPrompt_isSentToThePromptStepFromAnywhereElse(Access access) {
    assertThat(decide(access, session(ADMIN, SecondFactors.PROMPT)))
        .isEqualTo(new Decision.ContinueSignIn("/login/prompt"));
  }

  @ParameterizedTest
  @EnumSource(names = {"PROMPT_STEP", "PROMPT_CALLBACK", "SIGN_OUT"})
  void aSessionAwaitingAPrompt_reachesItsStepTheCallbackAndSignOut(Access access) {
    assertThat(decide(access, session(OPERATOR, SecondFactors.PROMPT)))
        .isEqualTo(new Decision.Allow());
  }

  static Stream<SecondFactor> otherSteps() {
    return Stream.of(SecondFactor.TOTP, SecondFactor.TOTP_ENROLMENT, SecondFactors.PLUGIN_CODE);
  }

  @ParameterizedTest
  @MethodSource("otherSteps")
  void thePromptStep_isNotForAnotherStep(SecondFactor factor) {
    assertThat(decide(Access.PROMPT_STEP, session(OPERATOR, factor)))
        .isNotEqualTo(new Decision.Allow());
  }

  @Test
  void thePromptCallback_answersEveryoneSoThatAStrayCallbackGetsAMessage() {
    assertThat(decide(Access.PROMPT_CALLBACK, Optional.empty())).isEqualTo(new Decision.Allow());
    assertThat(AccessPolicy.decide(Access.PROMPT_CALLBACK, Optional.empty(), true, "/x", true))
        .isEqualTo(new Decision.Allow());
    assertThat(decide(Access.PROMPT_CALLBACK, session(OPERATOR, SecondFactor.NONE)))
        .isEqualTo(new Decision.Allow());
    assertThat(decide(Access.PROMPT_CALLBACK, session(OPERATOR, SecondFactor.TOTP)))
        .isEqualTo(new Decision.Allow());
  }

  static Stream<Arguments> everyFactorAndItsStep() {
    return Stream.of(
        Arguments.of(SecondFactor.TOTP, "/login/second-factor"),
        Arguments.of(SecondFactors.PLUGIN_CODE, "/login/second-factor"),
        Arguments.of(SecondFactors.PROMPT, "/login/prompt"),
        Arguments.of(SecondFactor.TOTP_ENROLMENT, "/login/enrol"),
        Arguments.of(SecondFactor.NONE, "/login"));
  }

  @ParameterizedTest
  @MethodSource("everyFactorAndItsStep")
  void theStepOfASession_followsTheKindOfItsFactorNotItsPlugin(SecondFactor factor, String step) {
    assertThat(
            AccessPolicy.stepOf(Session.begin(SessionToken.random(), OPERATOR.id(), factor, NOW)))
        .isEqualTo(step);
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
    assertThat(decide(Access.PROMPT_STEP, signedIn)).isEqualTo(new Decision.Home());
  }

  @ParameterizedTest
  @EnumSource(names = {"SIGNED_IN", "ADMINISTRATOR", "SECOND_FACTOR", "ENROLMENT", "PROMPT_STEP"})
  void anOperatorWhosePasswordWasReset_choosesANewOneBeforeAnythingElse(Access access) {
    assertThat(decide(access, mustChangePassword(ADMIN, SecondFactor.NONE)))
        .isEqualTo(new Decision.ContinueSignIn("/account/password"));
  }

  @Test
  void anOperatorWhosePasswordWasReset_reachesThePasswordPageAndSignOutOnly() {
    assertThat(decide(Access.PASSWORD, mustChangePassword(OPERATOR, SecondFactor.NONE)))
        .isEqualTo(new Decision.Allow());
    assertThat(decide(Access.SIGN_OUT, mustChangePassword(OPERATOR, SecondFactor.NONE)))
        .isEqualTo(new Decision.Allow());
    assertThat(decide(Access.PASSWORD, session(OPERATOR, SecondFactor.NONE)))
        .isEqualTo(new Decision.Allow());
  }

  @Test
  void anOperatorWhosePasswordWasReset_passesTheSecondFactorFirst() {
    assertThat(decide(Access.PASSWORD, mustChangePassword(OPERATOR, SecondFactor.TOTP)))
        .isEqualTo(new Decision.ContinueSignIn("/login/second-factor"));
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
