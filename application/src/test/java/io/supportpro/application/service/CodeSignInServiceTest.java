package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.supportpro.application.port.in.CodeCommand;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.CodeResult.Accepted;
import io.supportpro.application.port.in.CodeResult.NotApplicable;
import io.supportpro.application.port.in.CodeResult.Rejected;
import io.supportpro.application.port.in.CodeResult.SessionEnded;
import io.supportpro.application.port.in.CodeResult.Throttled;
import io.supportpro.application.port.in.SignInResult.SessionStarted;
import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.FakeCodePlugin;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.Waits;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.RecoveryCode;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeSignInServiceTest extends CodeServiceTestBase {
  private final CodeSignInService service = codeSignIn;

  /** Activates the plugin with its settings saved and enables it for the operator. */
  private void enable(PluginId plugin, PluginSettings saved, Operator operator) {
    plugins.transition(plugin, PluginState.AVAILABLE, PluginState.ACTIVE);
    plugins.saveSettingsIfActive(plugin, saved);
    plugins.setOperatorValueIfActive(
        plugin, operator.id(), PluginMethods.ENABLED_KEY, Optional.of(PluginMethods.ENABLED));
  }

  /** A cipher that pauses before each secret it reads, so that a code stays in its check. */
  private record PausingCipher(SecretCipher cipher, Runnable pause) implements SecretCipher {
    @Override
    public String encrypt(String plaintext) {
      return cipher.encrypt(plaintext);
    }

    @Override
    public String decrypt(String ciphertext) {
      pause.run();
      return cipher.decrypt(ciphertext);
    }
  }

  /** The service under test, reading secrets through a cipher that pauses first. */
  private CodeSignInService pausing(Runnable pause) {
    return codeSignIn(new PausingCipher(cipher, pause));
  }

  // --- the authenticator app at sign-in ------------------------------------------------------

  @Test
  void passSecondFactor_aValidCodeSignsInUnderANewToken() {
    Enrolled enrolled = enrol(ada);
    SessionStarted started = started(ada);
    clock.advance(Duration.ofSeconds(40));

    CodeResult result = pass(started.token(), code(enrolled.secret()));

    Accepted accepted = (Accepted) result;
    assertThat(accepted.token()).isNotEqualTo(started.token());
    Session session = accepted.session();
    assertThat(session.key()).isEqualTo(accepted.token().key());
    assertThat(session.stage()).isEqualTo(SessionStage.SIGNED_IN);
    assertThat(session.operator()).isEqualTo(ada.id());
    assertThat(session.createdAt()).isEqualTo(started.session().createdAt());
    assertThat(session.lastSeenAt()).isEqualTo(clock.now());
    assertThat(session.csrfToken()).isNotEqualTo(started.session().csrfToken());
    assertThat(accepted.recoveryCodes()).isEmpty();
  }

  @Test
  void passSecondFactor_aSecretUnderAnotherKeyIsRefusedWithAClearMessageButRecoveryCodesWork() {
    Enrolled enrolled = enrol(ada);
    // As if the server's secret key had changed since the enrolment.
    totp.delete(ada.id());
    enrol(ada, enrolled.secret(), enrolled.recoveryCodes(), new FakeSecretCipher());
    SessionStarted started = started(ada);

    CodeResult withApp = pass(started.token(), code(enrolled.secret()));

    assertThat(withApp).isInstanceOf(Rejected.class);
    assertThat(((Rejected) withApp).message()).isEqualTo("totp.unreadable-secret");
    assertThat(pass(started.token(), enrolled.recoveryCodes().getFirst()))
        .isInstanceOf(Accepted.class);
  }

  @Test
  void passSecondFactor_theOldTokenIsDeadAndTheNewOneWorks() {
    Enrolled enrolled = enrol(ada);
    SessionToken old = signIn();

    Accepted accepted = (Accepted) pass(old, code(enrolled.secret()));

    assertThat(sessionService.resume(old)).isEmpty();
    assertThat(sessionService.resume(accepted.token()))
        .hasValueSatisfying(a -> assertThat(a.session().signedIn()).isTrue());
    assertThat(sessions.size()).isEqualTo(1);
  }

  @Test
  void passSecondFactor_isAuditedAsASuccessfulSignInWithTheSecondFactor() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    int before = audit.all().size();

    pass(token, code(enrolled.secret()));

    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_SUCCEEDED,
                adaActor(),
                ada.id().toString(),
                Map.of("second_factor", "totp")));
  }

  @Test
  void passSecondFactor_theOldTokenCannotPassTwice() {
    Enrolled enrolled = enrol(ada);
    SessionToken old = signIn();
    pass(old, code(enrolled.secret()));
    clock.advance(Duration.ofSeconds(30));

    assertThat(pass(old, code(enrolled.secret()))).isEqualTo(new SessionEnded());
  }

  @Test
  void passSecondFactor_aWrongCodeIsRejectedAndTheSessionStillWaits() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();

    CodeResult result = pass(token, wrongCode(enrolled.secret()));

    assertThat(result).isEqualTo(new Rejected(WRONG_CODE));
    assertThat(sessionService.resume(token))
        .hasValueSatisfying(
            a -> assertThat(a.session().stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR));
    assertThat(pass(token, code(enrolled.secret()))).isInstanceOf(Accepted.class);
  }

  @Test
  void passSecondFactor_aWrongCodeIsAuditedWithTheReason() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    int before = audit.all().size();

    pass(token, wrongCode(enrolled.secret()));

    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SECOND_FACTOR_FAILED,
                adaActor(),
                ada.id().toString(),
                Map.of("factor", "totp", "reason", WRONG_CODE, "detail", "wrong_code")));
  }

  @Test
  void passSecondFactor_acceptsACodeTypedWithSpaces() {
    Enrolled enrolled = enrol(ada);
    String code = code(enrolled.secret());

    CodeResult result = pass(signIn(), " " + code.substring(0, 3) + " " + code.substring(3) + " ");

    assertThat(result).isInstanceOf(Accepted.class);
  }

  @Test
  void passSecondFactor_aCodeIsAcceptedOnlyOnceAcrossSessions() {
    Enrolled enrolled = enrol(ada);
    SessionToken first = signIn();
    SessionToken second = signIn();
    String code = code(enrolled.secret());

    assertThat(pass(first, code)).isInstanceOf(Accepted.class);
    assertThat(pass(second, code)).isEqualTo(new Rejected(REPLAYED_CODE));
    assertThat(sessionService.resume(second))
        .hasValueSatisfying(a -> assertThat(a.session().signedIn()).isFalse());
  }

  @Test
  void passSecondFactor_aReplayedCodeIsAuditedAsAFailure() {
    Enrolled enrolled = enrol(ada);
    SessionToken first = signIn();
    SessionToken second = signIn();
    String code = code(enrolled.secret());
    pass(first, code);
    int before = audit.all().size();

    pass(second, code);

    assertThat(auditSince(before))
        .extracting(AuditEvent::type, AuditEvent::details)
        .containsExactly(
            tuple(
                AuditEventType.SECOND_FACTOR_FAILED,
                Map.of("factor", "totp", "reason", REPLAYED_CODE, "detail", "wrong_code")));
  }

  @Test
  void passSecondFactor_theNextStepsCodeIsAcceptedAfterAReplay() {
    Enrolled enrolled = enrol(ada);
    SessionToken first = signIn();
    SessionToken second = signIn();
    pass(first, code(enrolled.secret()));
    pass(second, code(enrolled.secret()));

    clock.advance(Duration.ofSeconds(30));

    assertThat(pass(second, code(enrolled.secret()))).isInstanceOf(Accepted.class);
  }

  @Test
  void passSecondFactor_anEarlierStepsCodeIsRefusedOnceALaterOneWasUsed() {
    Enrolled enrolled = enrol(ada);
    SessionToken first = signIn();
    SessionToken second = signIn();
    String current = code(enrolled.secret());
    String next = code(enrolled.secret(), 1);
    assumeThat(next).isNotEqualTo(current);

    assertThat(pass(first, next)).isInstanceOf(Accepted.class);
    assertThat(pass(second, current)).isEqualTo(new Rejected(REPLAYED_CODE));
  }

  @Test
  void passSecondFactor_acceptsOneStepOfDriftBehind() {
    Enrolled enrolled = enrol(ada);

    assertThat(pass(signIn(), code(enrolled.secret(), -1))).isInstanceOf(Accepted.class);
    assertThat(lastUsedStep()).hasValue(Totp.step(clock.now()) - 1);
  }

  @Test
  void passSecondFactor_acceptsOneStepOfDriftAhead() {
    Enrolled enrolled = enrol(ada);

    assertThat(pass(signIn(), code(enrolled.secret(), 1))).isInstanceOf(Accepted.class);
    assertThat(lastUsedStep()).hasValue(Totp.step(clock.now()) + 1);
  }

  @ParameterizedTest
  @ValueSource(longs = {-2, 2, -3, 3, 20})
  void passSecondFactor_refusesMoreDriftThanOneStep(long steps) {
    Enrolled enrolled = enrol(ada);
    String drifted = code(enrolled.secret(), steps);
    assumeThat(drifted)
        .isNotIn(code(enrolled.secret(), -1), code(enrolled.secret()), code(enrolled.secret(), 1));

    assertThat(pass(signIn(), drifted)).isEqualTo(new Rejected(WRONG_CODE));
  }

  @Test
  void passSecondFactor_recordsTheStepOfTheAcceptedCode() {
    Enrolled enrolled = enrol(ada);

    pass(signIn(), code(enrolled.secret()));

    assertThat(lastUsedStep()).hasValue(Totp.step(clock.now()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "12345", "1234567", "abcdef", "12345a", "one two", "١٢٣٤٥٦"})
  void passSecondFactor_rejectsMalformedInput(String typed) {
    enrol(ada);
    SessionToken token = signIn();

    assertThat(pass(token, typed)).isEqualTo(new Rejected(MALFORMED_CODE));
    assertThat(sessionService.resume(token)).isPresent();
  }

  @Test
  void passSecondFactor_rejectsAHugeInputAsMalformed() {
    enrol(ada);

    assertThat(pass(signIn(), "7".repeat(100_000))).isEqualTo(new Rejected(MALFORMED_CODE));
  }

  @Test
  void passSecondFactor_aMissingCodeIsMalformed() {
    enrol(ada);

    assertThat(service.passSecondFactor(new CodeCommand(signIn(), null, ADDRESS)))
        .isEqualTo(new Rejected(MALFORMED_CODE));
  }

  // --- recovery codes at sign-in --------------------------------------------------------------

  @Test
  void passSecondFactor_acceptsARecoveryCodeOnce() {
    Enrolled enrolled = enrol(ada);
    String recovery = enrolled.recoveryCodes().get(3);

    assertThat(pass(signIn(), recovery)).isInstanceOf(Accepted.class);
    assertThat(pass(signIn(), recovery)).isEqualTo(new Rejected(WRONG_RECOVERY_CODE));
    assertThat(totp.remainingRecoveryCodes(ada.id())).isEqualTo(9);
  }

  @Test
  void passSecondFactor_aRecoveryCodeIsAuditedWithHowManyAreLeft() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    int before = audit.all().size();

    pass(token, enrolled.recoveryCodes().getFirst());

    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.RECOVERY_CODE_USED,
                adaActor(),
                ada.id().toString(),
                Map.of("remaining", "9")),
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_SUCCEEDED,
                adaActor(),
                ada.id().toString(),
                Map.of("second_factor", "totp")));
  }

  @Test
  void passSecondFactor_acceptsARecoveryCodeTypedLoosely() {
    Enrolled enrolled = enrol(ada);
    String typed =
        " " + enrolled.recoveryCodes().getFirst().toLowerCase(Locale.ROOT).replace("-", " ") + " ";

    assertThat(pass(signIn(), typed)).isInstanceOf(Accepted.class);
  }

  @Test
  void passSecondFactor_refusesAnotherOperatorsRecoveryCode() {
    Operator bob = operator("bob");
    operators.add(bob, hasher.hash(new Password(PASSWORD)));
    enrol(ada);
    Enrolled bobs = enrol(bob);

    assertThat(pass(signIn(), bobs.recoveryCodes().getFirst()))
        .isEqualTo(new Rejected(WRONG_RECOVERY_CODE));
    assertThat(totp.remainingRecoveryCodes(bob.id())).isEqualTo(10);
  }

  @Test
  void passSecondFactor_refusesAMadeUpRecoveryCode() {
    enrol(ada);

    assertThat(pass(signIn(), "ABCDE-FGHJK")).isEqualTo(new Rejected(WRONG_RECOVERY_CODE));
    assertThat(totp.remainingRecoveryCodes(ada.id())).isEqualTo(10);
  }

  // --- throttling wrong codes -----------------------------------------------------------------

  @Test
  void passSecondFactor_fiveWrongCodesLockTheOperatorsSecondFactor() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    for (int i = 0; i < 5; i++) {
      assertThat(pass(token, wrongCode(enrolled.secret()))).isInstanceOf(Rejected.class);
    }
    OptionalLong before = lastUsedStep();

    CodeResult result = pass(token, code(enrolled.secret()));

    assertThat(result).isEqualTo(new Throttled(Duration.ofSeconds(30)));
    assertThat(lastUsedStep()).isEqualTo(before);
    assertThat(sessionService.resume(token))
        .hasValueSatisfying(a -> assertThat(a.session().signedIn()).isFalse());
  }

  @Test
  void passSecondFactor_aRecoveryCodeIsNotSpentWhileThrottled() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    for (int i = 0; i < 5; i++) {
      pass(token, wrongCode(enrolled.secret()));
    }

    assertThat(pass(token, enrolled.recoveryCodes().getFirst())).isInstanceOf(Throttled.class);
    assertThat(totp.remainingRecoveryCodes(ada.id())).isEqualTo(10);
  }

  @Test
  void passSecondFactor_theLockAndEachRefusalAreAudited() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    for (int i = 0; i < 4; i++) {
      pass(token, wrongCode(enrolled.secret()));
    }
    int before = audit.all().size();

    pass(token, wrongCode(enrolled.secret()));
    pass(token, code(enrolled.secret()));

    assertThat(auditSince(before))
        .extracting(AuditEvent::type)
        .containsExactly(
            AuditEventType.SECOND_FACTOR_FAILED,
            AuditEventType.SECOND_FACTOR_THROTTLED,
            AuditEventType.SECOND_FACTOR_THROTTLED);
    assertThat(audit.all().getLast())
        .isEqualTo(
            new AuditEvent(
                clock.now(),
                AuditEventType.SECOND_FACTOR_THROTTLED,
                adaActor(),
                ada.id().toString(),
                Map.of()));
  }

  @Test
  void passSecondFactor_ofFiftyConcurrentWrongCodesAtMostFiveAreChecked() throws Exception {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    // Reading the secret takes a while, as with a real cipher, so that the checks overlap.
    CodeSignInService slow = pausing(() -> Waits.pause(20));
    String wrongTotp = wrongCode(enrolled.secret());
    String wrongRecovery = RecoveryCode.generate().getFirst();
    int before = audit.all().size();

    List<CodeResult> results =
        AtOnce.run(
            IntStream.range(0, 50)
                .<Callable<CodeResult>>mapToObj(
                    i ->
                        () ->
                            slow.passSecondFactor(
                                command(token, i % 5 == 0 ? wrongRecovery : wrongTotp)))
                .toList());

    assertThat(auditSince(before))
        .filteredOn(event -> event.type() == AuditEventType.SECOND_FACTOR_FAILED)
        .hasSize(5);
    assertThat(results).filteredOn(Rejected.class::isInstance).hasSize(5);
    assertThat(results).filteredOn(Throttled.class::isInstance).hasSize(45);
    assertThat(throttleState(adaSecondFactor()).orElseThrow().failures()).isEqualTo(5);
  }

  @Test
  void passSecondFactor_theRightCodeIsRefusedWhenWrongCodesCheckedAlongsideLockTheOperator()
      throws Exception {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    var entered = new CountDownLatch(1);
    var opened = new CountDownLatch(1);
    var first = new AtomicBoolean(true);
    CodeSignInService holding =
        pausing(
            () -> {
              if (first.getAndSet(false)) {
                entered.countDown();
                Waits.until(opened);
              }
            });
    String right = code(enrolled.secret());
    AtomicReference<CodeResult> result = new AtomicReference<>();
    Thread checking =
        Thread.ofVirtual().start(() -> result.set(holding.passSecondFactor(command(token, right))));
    Waits.until(entered);

    for (int i = 0; i < 3; i++) {
      assertThat(pass(token, wrongCode(enrolled.secret()))).isInstanceOf(Rejected.class);
    }
    assertThat(pass(token, wrongCode(enrolled.secret()))).isInstanceOf(Rejected.class);
    opened.countDown();
    checking.join();

    assertThat(result.get()).isInstanceOf(Throttled.class);
    assertThat(sessionService.resume(token))
        .hasValueSatisfying(a -> assertThat(a.session().signedIn()).isFalse());
    assertThat(throttleState(adaSecondFactor()).orElseThrow().lockedAt(clock.now())).isTrue();
    assertThat(auditTypes()).doesNotContain(AuditEventType.SIGN_IN_SUCCEEDED);
  }

  @Test
  void passSecondFactor_malformedInputCountsAsAWrongCode() {
    enrol(ada);
    SessionToken token = signIn();
    for (int i = 0; i < 5; i++) {
      pass(token, "nonsense");
    }

    assertThat(pass(token, "123456")).isInstanceOf(Throttled.class);
  }

  @Test
  void passSecondFactor_theLockHoldsForEverySessionOfTheOperator() {
    Enrolled enrolled = enrol(ada);
    SessionToken first = signIn();
    SessionToken second = signIn();
    for (int i = 0; i < 5; i++) {
      pass(first, wrongCode(enrolled.secret()));
    }

    assertThat(pass(second, code(enrolled.secret()))).isInstanceOf(Throttled.class);
  }

  @Test
  void passSecondFactor_theLockEndsAndThenDoubles() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    for (int i = 0; i < 5; i++) {
      pass(token, wrongCode(enrolled.secret()));
    }
    clock.advance(Duration.ofSeconds(30));

    assertThat(pass(token, wrongCode(enrolled.secret()))).isInstanceOf(Rejected.class);
    assertThat(pass(token, code(enrolled.secret())))
        .isEqualTo(new Throttled(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(pass(token, code(enrolled.secret()))).isInstanceOf(Accepted.class);
  }

  @Test
  void passSecondFactor_successForgetsTheOperatorsFailuresButNotTheAddresss() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    for (int i = 0; i < 3; i++) {
      pass(token, wrongCode(enrolled.secret()));
    }

    pass(token, code(enrolled.secret()));

    assertThat(throttleState(adaSecondFactor())).isEmpty();
    assertThat(throttleState(ThrottleKey.address(ADDRESS)))
        .hasValueSatisfying(s -> assertThat(s.failures()).isEqualTo(3));
  }

  @Test
  void passSecondFactor_wrongCodesCountAgainstTheAddressToo() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    for (int i = 0; i < 4; i++) {
      pass(token, wrongCode(enrolled.secret()));
    }

    assertThat(throttleState(ThrottleKey.address(ADDRESS)))
        .hasValueSatisfying(s -> assertThat(s.failures()).isEqualTo(4));
    assertThat(
            service.passSecondFactor(
                new CodeCommand(token, code(enrolled.secret()), OTHER_ADDRESS)))
        .isInstanceOf(Accepted.class);
  }

  // --- sessions at the wrong step -------------------------------------------------------------

  @Test
  void passSecondFactor_aSignedInSessionHasNothingToPass() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);

    assertThat(pass(token, code(enrolled.secret()))).isEqualTo(new SessionEnded());
    assertThat(lastUsedStep()).hasValue(Totp.step(clock.now()) - 10);
  }

  @Test
  void passSecondFactor_aSessionAwaitingEnrolmentHasNothingToPass() {
    settings.setForceTwoFactor(true);
    SessionToken token = signIn();

    assertThat(pass(token, "123456")).isEqualTo(new SessionEnded());
  }

  @Test
  void passSecondFactor_anUnknownTokenHasEnded() {
    enrol(ada);

    assertThat(pass(SessionToken.random(), "123456")).isEqualTo(new SessionEnded());
  }

  @Test
  void passSecondFactor_tooLateAfterTheSecondFactorTimeout() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    clock.advance(Duration.ofMinutes(10));

    assertThat(pass(token, code(enrolled.secret()))).isEqualTo(new SessionEnded());
    assertThat(sessions.size()).isZero();
  }

  @Test
  void passSecondFactor_endsWhenTheAppWasRemovedSinceThePassword() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    totp.delete(ada.id());

    assertThat(pass(token, code(enrolled.secret()))).isEqualTo(new SessionEnded());
  }

  @Test
  void passSecondFactor_aPromptSessionCannotPassWithAnAuthenticatorCodeNorSpendOne() {
    Enrolled enrolled = enrol(ada);
    enable(FakePromptPlugin.ID, FakePromptPlugin.saved(cipher), ada);
    SessionStarted started = started(ada);
    assertThat(started.session().secondFactor())
        .isEqualTo(SecondFactor.prompt(FakePromptPlugin.ID));
    OptionalLong before = lastUsedStep();
    int events = audit.all().size();

    assertThat(pass(started.token(), code(enrolled.secret()))).isEqualTo(new SessionEnded());
    assertThat(pass(started.token(), enrolled.recoveryCodes().getFirst()))
        .isEqualTo(new SessionEnded());
    assertThat(pass(started.token(), wrongCode(enrolled.secret()))).isEqualTo(new SessionEnded());

    assertThat(lastUsedStep()).isEqualTo(before);
    assertThat(totp.remainingRecoveryCodes(ada.id())).isEqualTo(10);
    assertThat(throttleState(adaSecondFactor())).isEmpty();
    assertThat(audit.all()).hasSize(events);
    assertThat(sessionService.resume(started.token()))
        .hasValueSatisfying(a -> assertThat(a.session().signedIn()).isFalse());
  }

  @Test
  void passSecondFactor_aDeactivatedOperatorsSessionHasEnded() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    operators.update(ada.id(), OperatorChanges.active(false));

    assertThat(pass(token, code(enrolled.secret()))).isEqualTo(new SessionEnded());
  }

  // --- how the page asks for the code -----------------------------------------------------------

  @Test
  void field_asksForTheAuthenticatorAppsCodeForTheBuiltInFactor() {
    enrol(ada);

    assertThat(service.field(signIn())).contains(TotpCodes.FIELD);
  }

  @Test
  void field_asksForThePluginsCodeForAPluginsCodeMethod() {
    enable(FakeCodePlugin.ID, FakeCodePlugin.saved(cipher), ada);

    assertThat(service.field(signIn())).contains(FakeCodePlugin.FIELD);
  }

  @Test
  void field_isEmptyForASessionThatAwaitsNoCode() {
    SessionToken signedIn = signIn();
    settings.setForceTwoFactor(true);
    SessionToken enrolling = signIn();
    enable(FakePromptPlugin.ID, FakePromptPlugin.saved(cipher), ada);
    SessionToken prompting = signIn();

    assertThat(service.field(signedIn)).isEmpty();
    assertThat(service.field(enrolling)).isEmpty();
    assertThat(service.field(prompting)).isEmpty();
    assertThat(service.field(SessionToken.random())).isEmpty();
  }

  @Test
  void field_isEmptyOnceThePluginIsDeactivated() {
    enable(FakeCodePlugin.ID, FakeCodePlugin.saved(cipher), ada);
    SessionToken token = signIn();
    plugins.transition(FakeCodePlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    assertThat(service.field(token)).isEmpty();
  }

  // --- a plugin's code method -------------------------------------------------------------------

  /** The operator passed the password; the session waits for the plugin's code. */
  private SessionToken awaitingPluginCode() {
    enable(FakeCodePlugin.ID, FakeCodePlugin.saved(cipher), ada);
    SessionStarted started = started(ada);
    assertThat(started.session().secondFactor()).isEqualTo(SecondFactor.code(FakeCodePlugin.ID));
    return started.token();
  }

  @Test
  void pluginCode_theRightCodeSignsInUnderANewToken() {
    SessionToken token = awaitingPluginCode();
    clock.advance(Duration.ofSeconds(40));

    CodeResult result = pass(token, FakeCodePlugin.THE_CODE);

    Accepted accepted = (Accepted) result;
    assertThat(accepted.token()).isNotEqualTo(token);
    assertThat(accepted.session().key()).isEqualTo(accepted.token().key());
    assertThat(accepted.session().stage()).isEqualTo(SessionStage.SIGNED_IN);
    assertThat(accepted.session().lastSeenAt()).isEqualTo(clock.now());
    assertThat(accepted.recoveryCodes()).isEmpty();
    assertThat(sessionService.resume(token)).isEmpty();
    assertThat(sessionService.resume(accepted.token())).isPresent();
    assertThat(sessions.size()).isEqualTo(1);
  }

  @Test
  void pluginCode_isAuditedWithWhatThePluginSays() {
    SessionToken token = awaitingPluginCode();
    int before = audit.all().size();

    pass(token, FakeCodePlugin.THE_CODE);

    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_SUCCEEDED,
                adaActor(),
                ada.id().toString(),
                Map.of("second_factor", FakeCodePlugin.ID.value())));
  }

  @Test
  void pluginCode_theMethodGetsTheSettingsDecryptedAndTheAttemptAsTyped() {
    SessionToken token = awaitingPluginCode();

    pass(token, " " + FakeCodePlugin.THE_CODE + " ");

    assertThat(codes.settingsSeen())
        .singleElement()
        .satisfies(
            seen ->
                assertThat(seen.get(FakeCodePlugin.CODE))
                    .contains(new SettingValue(FakeCodePlugin.THE_CODE, true)));
    assertThat(codes.checked())
        .containsExactly(new CodeMethod.Attempt(ada, " " + FakeCodePlugin.THE_CODE + " ", ADDRESS));
  }

  @Test
  void pluginCode_aWrongCodeIsRejectedAuditedAndTheSessionStillWaits() {
    SessionToken token = awaitingPluginCode();
    int before = audit.all().size();

    CodeResult result = pass(token, "not-the-code");

    assertThat(result).isEqualTo(new Rejected(FakeCodePlugin.WRONG_CODE));
    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SECOND_FACTOR_FAILED,
                adaActor(),
                ada.id().toString(),
                Map.of(
                    "factor",
                    FakeCodePlugin.ID.value(),
                    "reason",
                    FakeCodePlugin.WRONG_CODE,
                    "detail",
                    "wrong_code")));
    assertThat(sessionService.resume(token))
        .hasValueSatisfying(
            a -> assertThat(a.session().stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR));
    assertThat(pass(token, FakeCodePlugin.THE_CODE)).isInstanceOf(Accepted.class);
  }

  @Test
  void pluginCode_theAuthenticatorAppDoesNotStandInForThePluginsCode() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = awaitingPluginCode();
    OptionalLong before = lastUsedStep();

    assertThat(pass(token, code(enrolled.secret())))
        .isEqualTo(new Rejected(FakeCodePlugin.WRONG_CODE));
    assertThat(pass(token, enrolled.recoveryCodes().getFirst()))
        .isEqualTo(new Rejected(FakeCodePlugin.WRONG_CODE));

    assertThat(lastUsedStep()).isEqualTo(before);
    assertThat(totp.remainingRecoveryCodes(ada.id())).isEqualTo(10);
  }

  @Test
  void pluginCode_fiveWrongCodesLockTheOperatorAndNothingMoreIsChecked() {
    SessionToken token = awaitingPluginCode();
    for (int i = 0; i < 5; i++) {
      assertThat(pass(token, "wrong-" + i)).isInstanceOf(Rejected.class);
    }

    CodeResult result = pass(token, FakeCodePlugin.THE_CODE);

    assertThat(result).isEqualTo(new Throttled(Duration.ofSeconds(30)));
    assertThat(codes.checked()).hasSize(5);
    assertThat(sessionService.resume(token))
        .hasValueSatisfying(a -> assertThat(a.session().signedIn()).isFalse());
    assertThat(auditTypes()).contains(AuditEventType.SECOND_FACTOR_THROTTLED);
    clock.advance(Duration.ofSeconds(30));
    assertThat(pass(token, FakeCodePlugin.THE_CODE)).isInstanceOf(Accepted.class);
  }

  @Test
  void pluginCode_sharesTheLockWithEveryOtherCodeOfTheOperator() {
    SessionToken first = awaitingPluginCode();
    SessionToken second = signIn();
    for (int i = 0; i < 5; i++) {
      pass(first, "wrong-" + i);
    }

    assertThat(pass(second, FakeCodePlugin.THE_CODE)).isInstanceOf(Throttled.class);
    assertThat(throttleState(ThrottleKey.address(ADDRESS)))
        .hasValueSatisfying(s -> assertThat(s.failures()).isEqualTo(5));
  }

  @Test
  void pluginCode_ofFiftyConcurrentWrongCodesAtMostFiveAreChecked() throws Exception {
    SessionToken token = awaitingPluginCode();
    // Checking takes a while, as with a real provider, so that the checks overlap.
    codes.duringCheck(() -> Waits.pause(20));

    List<CodeResult> results =
        AtOnce.run(
            IntStream.range(0, 50)
                .<Callable<CodeResult>>mapToObj(i -> () -> pass(token, "wrong-" + i))
                .toList());

    assertThat(codes.checked()).hasSize(5);
    assertThat(results).filteredOn(Rejected.class::isInstance).hasSize(5);
    assertThat(results).filteredOn(Throttled.class::isInstance).hasSize(45);
    assertThat(audit.all())
        .filteredOn(event -> event.type() == AuditEventType.SECOND_FACTOR_FAILED)
        .hasSize(5);
    assertThat(throttleState(adaSecondFactor()).orElseThrow().failures()).isEqualTo(5);
  }

  @Test
  void pluginCode_ofTheRightCodeSentThreeTimesAtOnceOneSignsIn() throws Exception {
    SessionToken token = awaitingPluginCode();
    codes.duringCheck(() -> Waits.pause(20));

    List<CodeResult> results =
        AtOnce.run(
            IntStream.range(0, 3)
                .<Callable<CodeResult>>mapToObj(i -> () -> pass(token, FakeCodePlugin.THE_CODE))
                .toList());

    assertThat(results).filteredOn(Accepted.class::isInstance).hasSize(1);
    assertThat(results)
        .filteredOn(result -> !(result instanceof Accepted))
        .containsOnly(new SessionEnded());
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(audit.all())
        .filteredOn(event -> event.type() == AuditEventType.SIGN_IN_SUCCEEDED)
        .hasSize(1);
  }

  @Test
  void pluginCode_aProviderThatCannotBeReachedIsNoWrongCode() {
    SessionToken token = awaitingPluginCode();
    codes.available(false);

    CodeResult result = pass(token, FakeCodePlugin.THE_CODE);

    assertThat(result).isEqualTo(new CodeResult.Unavailable(FakeCodePlugin.UNAVAILABLE));
    assertThat(throttleState(adaSecondFactor())).isEmpty();
    assertThat(auditTypes())
        .doesNotContain(AuditEventType.SECOND_FACTOR_FAILED, AuditEventType.SIGN_IN_SUCCEEDED);
    assertThat(sessionService.resume(token))
        .hasValueSatisfying(a -> assertThat(a.session().signedIn()).isFalse());
    codes.available(true);
    assertThat(pass(token, FakeCodePlugin.THE_CODE)).isInstanceOf(Accepted.class);
  }

  @Test
  void pluginCode_aProviderThatCannotBeReachedForgetsNoWrongCodes() {
    SessionToken token = awaitingPluginCode();
    for (int i = 0; i < 4; i++) {
      pass(token, "wrong-" + i);
    }
    codes.available(false);
    assertThat(pass(token, "wrong-again")).isInstanceOf(CodeResult.Unavailable.class);
    codes.available(true);

    assertThat(throttleState(adaSecondFactor()))
        .hasValueSatisfying(s -> assertThat(s.failures()).isEqualTo(4));
    assertThat(pass(token, "wrong-4")).isInstanceOf(Rejected.class);
    assertThat(pass(token, FakeCodePlugin.THE_CODE)).isInstanceOf(Throttled.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void pluginCode_endsTheSignInWhenThePluginWasTurnedOffAfterThePassword(PluginState state) {
    SessionToken token = awaitingPluginCode();
    plugins.transition(FakeCodePlugin.ID, PluginState.ACTIVE, state);

    assertThat(pass(token, FakeCodePlugin.THE_CODE)).isEqualTo(new SessionEnded());

    assertThat(sessions.size()).isZero();
    assertThat(codes.checked()).isEmpty();
    assertThat(auditTypes()).doesNotContain(AuditEventType.SIGN_IN_SUCCEEDED);
  }

  @Test
  void pluginCode_isNotApplicableWhileTheSavedCodeCannotBeDecrypted() {
    SessionToken token = awaitingPluginCode();
    // As if the server's secret key had changed since the settings were saved.
    plugins.saveSettingsIfActive(FakeCodePlugin.ID, FakeCodePlugin.saved(new FakeSecretCipher()));

    CodeResult result = pass(token, FakeCodePlugin.THE_CODE);

    assertThat(result).isInstanceOf(NotApplicable.class);
    assertThat(((NotApplicable) result).problem().message()).contains("Ask an administrator");
    assertThat(codes.checked()).isEmpty();
    assertThat(throttleState(adaSecondFactor())).isEmpty();
    assertThat(auditTypes()).doesNotContain(AuditEventType.SIGN_IN_SUCCEEDED);
  }

  @Test
  void pluginCode_usesTheSettingsAsSavedNowNotAsAtThePassword() {
    SessionToken token = awaitingPluginCode();
    plugins.saveSettingsIfActive(
        FakeCodePlugin.ID,
        new PluginSettings(
            Map.of(FakeCodePlugin.CODE, new SettingValue(cipher.encrypt("rotated-code"), true))));

    assertThat(pass(token, FakeCodePlugin.THE_CODE)).isInstanceOf(Rejected.class);
    assertThat(pass(token, "rotated-code")).isInstanceOf(Accepted.class);
  }

  @Test
  void pluginCode_aPromptSessionCannotPassWithAPluginsCode() {
    enable(FakePromptPlugin.ID, FakePromptPlugin.saved(cipher), ada);
    SessionToken token = signIn();

    assertThat(pass(token, FakeCodePlugin.THE_CODE)).isEqualTo(new SessionEnded());
    assertThat(codes.checked()).isEmpty();
    assertThat(sessionService.resume(token)).isPresent();
  }
}
