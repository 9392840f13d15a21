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
import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult.SessionStarted;
import io.supportpro.application.port.in.TotpSetup;
import io.supportpro.application.port.in.TwoFactorStatus;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.secondfactor.DuoPlugin;
import io.supportpro.domain.secondfactor.RecoveryCode;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwoFactorServiceTest {
  private static final String PASSWORD = "violet-Harbour-47-kettle";
  private static final String ADDRESS = "192.0.2.10";
  private static final String OTHER_ADDRESS = "198.51.100.7";
  private static final String NOTHING_PENDING =
      "No set-up of an authenticator app is waiting in this browser, or it was begun more than"
          + " 10 minutes ago; start the set-up again.";
  private static final String WRONG_CODE =
      "That code is not right. Check that your device's clock is correct and try again.";
  private static final String REPLAYED_CODE =
      "That code has already been used. Wait for the next one and try again.";
  private static final String MALFORMED_CODE =
      "Enter the 6-digit code from your authenticator app, or one of your recovery codes.";
  private static final String WRONG_RECOVERY_CODE =
      "That recovery code is not valid or has already been used.";

  private final MutableClock clock = MutableClock.atStart();
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryFailedAttempts attempts = new InMemoryFailedAttempts();
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  private final InMemoryTotpCredentials totp = new InMemoryTotpCredentials();
  private final InMemoryPanelSettings settings = new InMemoryPanelSettings();
  private final FakeSecretCipher cipher = new FakeSecretCipher();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final SessionService sessionService =
      new SessionService(
          operators,
          hasher,
          sessions,
          attempts,
          ThrottlePolicy.DEFAULT,
          new SecondFactorRequirement(plugins, totp, settings),
          SessionTimeouts.DEFAULT,
          audit,
          clock);
  private final TwoFactorService service =
      new TwoFactorService(
          sessionService,
          sessions,
          totp,
          cipher,
          settings,
          attempts,
          ThrottlePolicy.DEFAULT,
          audit,
          clock);

  private final Operator ada = operator("ada");

  /** An operator's confirmed authenticator app and the recovery codes shown to them. */
  private record Enrolled(TotpSecret secret, List<String> recoveryCodes) {}

  @BeforeEach
  void setUp() {
    operators.add(ada, hasher.hash(new Password(PASSWORD)));
  }

  private SessionStarted started(Operator operator) {
    return (SessionStarted)
        sessionService.signIn(
            new SignInCommand(operator.username().value(), new Password(PASSWORD), ADDRESS));
  }

  private SessionToken signIn() {
    return started(ada).token();
  }

  /** Enrols the operator as if they had done it a while ago. */
  private Enrolled enrol(Operator operator) {
    TotpSecret secret = TotpSecret.random();
    List<String> codes = RecoveryCode.generate();
    SessionKey earlier = SessionToken.random().key();
    String encrypted = cipher.encrypt(secret.base32());
    totp.savePending(operator.id(), earlier, encrypted, clock.now());
    totp.confirm(
        operator.id(),
        earlier,
        encrypted,
        Totp.step(clock.now()) - 10,
        codes.stream().map(c -> RecoveryCode.hash(c).orElseThrow()).toList());
    return new Enrolled(secret, codes);
  }

  private String code(TotpSecret secret) {
    return code(secret, 0);
  }

  private String code(TotpSecret secret, long stepsFromNow) {
    return Totp.code(secret, Totp.step(clock.now()) + stepsFromNow);
  }

  private String code(TotpSetup setup) {
    return Totp.code(TotpSecret.fromBase32(setup.secret()), Totp.step(clock.now()));
  }

  /** Six digits that are none of the codes accepted now. */
  private String wrongCode(TotpSecret secret) {
    Set<String> accepted = new HashSet<>();
    LongStream.rangeClosed(-1, 1).forEach(n -> accepted.add(code(secret, n)));
    for (int i = 0; ; i++) {
      String candidate = String.format("%06d", i);
      if (!accepted.contains(candidate)) {
        return candidate;
      }
    }
  }

  private CodeCommand command(SessionToken token, String code) {
    return new CodeCommand(token, code, ADDRESS);
  }

  private CodeResult pass(SessionToken token, String code) {
    return service.passSecondFactor(command(token, code));
  }

  private OptionalLong lastUsedStep() {
    return totp.find(ada.id()).orElseThrow().lastUsedStep();
  }

  private Optional<ThrottleState> throttleState(ThrottleKey key) {
    return attempts.find(List.of(key)).stream().findFirst();
  }

  private ThrottleKey adaSecondFactor() {
    return ThrottleKey.secondFactor(ada.id().toString());
  }

  private Actor adaActor() {
    return Actor.operator(ada.id(), "ada", ADDRESS);
  }

  private List<AuditEventType> auditTypes() {
    return audit.all().stream().map(AuditEvent::type).toList();
  }

  private List<AuditEvent> auditSince(int position) {
    return audit.all().subList(position, audit.all().size());
  }

  private void enableDuoFor(Operator operator) {
    plugins.transition(DuoPlugin.ID, PluginState.AVAILABLE, PluginState.ACTIVE);
    plugins.saveSettingsIfActive(DuoPlugin.ID, DuoRulesPlugin.SAVED);
    plugins.setOperatorValueIfActive(
        DuoPlugin.ID, operator.id(), DuoPlugin.ENABLED_KEY, Optional.of("true"));
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
  private TwoFactorService pausing(Runnable pause) {
    return new TwoFactorService(
        sessionService,
        sessions,
        totp,
        new PausingCipher(cipher, pause),
        settings,
        attempts,
        ThrottlePolicy.DEFAULT,
        audit,
        clock);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // --- the second step of sign-in -------------------------------------------------------------

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
    var otherKey = new FakeSecretCipher();
    totp.delete(ada.id());
    SessionKey earlier = SessionToken.random().key();
    String encrypted = otherKey.encrypt(enrolled.secret().base32());
    totp.savePending(ada.id(), earlier, encrypted, clock.now());
    totp.confirm(
        ada.id(),
        earlier,
        encrypted,
        Totp.step(clock.now()) - 10,
        enrolled.recoveryCodes().stream().map(c -> RecoveryCode.hash(c).orElseThrow()).toList());
    SessionStarted started = started(ada);

    CodeResult withApp = pass(started.token(), code(enrolled.secret()));

    assertThat(withApp).isInstanceOf(Rejected.class);
    assertThat(((Rejected) withApp).message()).contains("secret key has changed");
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
                Map.of("reason", WRONG_CODE)));
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
            tuple(AuditEventType.SECOND_FACTOR_FAILED, Map.of("reason", REPLAYED_CODE)));
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
    TwoFactorService slow =
        pausing(
            () -> {
              try {
                Thread.sleep(20);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
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
    TwoFactorService holding =
        pausing(
            () -> {
              if (first.getAndSet(false)) {
                entered.countDown();
                await(opened);
              }
            });
    String right = code(enrolled.secret());
    AtomicReference<CodeResult> result = new AtomicReference<>();
    Thread checking =
        Thread.ofVirtual().start(() -> result.set(holding.passSecondFactor(command(token, right))));
    await(entered);

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
  void passSecondFactor_aDuoSessionCannotPassWithAnAuthenticatorCodeNorSpendOne() {
    Enrolled enrolled = enrol(ada);
    enableDuoFor(ada);
    SessionStarted started = started(ada);
    assertThat(started.session().secondFactor()).isEqualTo(SecondFactor.DUO);
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

  // --- enrolment: setting up ------------------------------------------------------------------

  @Test
  void begin_createsAPendingSecretForTheOperator() {
    TotpSetup setup = service.begin(signIn(), ADDRESS).orElseThrow();

    TotpEnrolment pending = totp.find(ada.id()).orElseThrow();
    assertThat(pending.confirmed()).isFalse();
    assertThat(TotpSecret.fromBase32(cipher.decrypt(pending.encryptedSecret())))
        .isEqualTo(TotpSecret.fromBase32(setup.secret()));
  }

  @Test
  void begin_storesTheSecretEncrypted() {
    TotpSetup setup = service.begin(signIn(), ADDRESS).orElseThrow();

    String stored = totp.find(ada.id()).orElseThrow().encryptedSecret();
    assertThat(stored).isNotEqualTo(setup.secret()).doesNotContain(setup.secret());
  }

  @Test
  void begin_givesAnAddressForTheAuthenticatorApp() {
    TotpSetup setup = service.begin(signIn(), ADDRESS).orElseThrow();

    assertThat(setup.provisioningUri())
        .startsWith("otpauth://totp/SupportPro:ada?")
        .contains("secret=" + setup.secret())
        .contains("issuer=SupportPro");
    assertThat(TotpSecret.fromBase32(setup.secret()).base32()).isEqualTo(setup.secret());
  }

  @Test
  void pending_returnsTheBegunSecretAgainAndChangesNothing() {
    SessionToken token = signIn();
    assertThat(service.pending(token)).isEmpty();
    TotpSetup first = service.begin(token, ADDRESS).orElseThrow();
    String stored = totp.find(ada.id()).orElseThrow().encryptedSecret();
    clock.advance(Duration.ofMinutes(2));

    TotpSetup second = service.pending(token).orElseThrow();

    assertThat(second).isEqualTo(first);
    assertThat(totp.find(ada.id()).orElseThrow().encryptedSecret()).isEqualTo(stored);
  }

  @Test
  void begin_replacesASecretNotYetConfirmed() {
    SessionToken token = signIn();
    TotpSetup first = service.begin(token, ADDRESS).orElseThrow();

    TotpSetup second = service.begin(token, ADDRESS).orElseThrow();

    assertThat(second.secret()).isNotEqualTo(first.secret());
    assertThat(service.pending(token)).contains(second);
  }

  @Test
  void pending_isEmptyOnceConfirmedOrForAnotherStage() {
    SessionToken token = signIn();
    service.begin(token, ADDRESS);
    enrol(ada);

    assertThat(service.pending(token)).isEmpty();
    assertThat(service.pending(SessionToken.random())).isEmpty();
  }

  @Test
  void begin_givesEachOperatorTheirOwnSecret() {
    Operator bob = operator("bob");
    operators.add(bob, hasher.hash(new Password(PASSWORD)));

    TotpSetup adas = service.begin(signIn(), ADDRESS).orElseThrow();
    TotpSetup bobs = service.begin(started(bob).token(), ADDRESS).orElseThrow();

    assertThat(bobs.secret()).isNotEqualTo(adas.secret());
  }

  @Test
  void begin_nothingToSetUpOnceConfirmed() {
    SessionToken token = signIn();
    enrol(ada);

    assertThat(service.begin(token, ADDRESS)).isEmpty();
  }

  @Test
  void begin_availableToASessionAwaitingEnrolment() {
    settings.setForceTwoFactor(true);

    assertThat(service.begin(signIn(), ADDRESS)).isPresent();
  }

  @Test
  void begin_notForASessionAwaitingTheSecondFactor() {
    enrol(ada);

    assertThat(service.begin(signIn(), ADDRESS)).isEmpty();
  }

  @Test
  void begin_notForAnUnknownSession() {
    assertThat(service.begin(SessionToken.random(), ADDRESS)).isEmpty();
    assertThat(totp.find(ada.id())).isEmpty();
  }

  @Test
  void begin_doesNotLeakTheSecretThroughToString() {
    TotpSetup setup = service.begin(signIn(), ADDRESS).orElseThrow();

    assertThat(setup.toString()).doesNotContain(setup.secret());
  }

  // --- enrolment: confirming ------------------------------------------------------------------

  @Test
  void confirm_aValidCodeEnrolsAndGivesTenRecoveryCodes() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();

    CodeResult result = service.confirm(command(token, code(setup)));

    Accepted accepted = (Accepted) result;
    assertThat(accepted.recoveryCodes())
        .hasSize(10)
        .doesNotHaveDuplicates()
        .allSatisfy(c -> assertThat(RecoveryCode.hash(c)).isPresent());
    assertThat(totp.find(ada.id()).orElseThrow().confirmed()).isTrue();
    assertThat(service.status(ada.id())).isEqualTo(new TwoFactorStatus(true, 10, false));
  }

  @Test
  void confirm_keepsASignedInSessionAsItIs() {
    SessionStarted started = started(ada);
    TotpSetup setup = service.begin(started.token(), ADDRESS).orElseThrow();

    Accepted accepted = (Accepted) service.confirm(command(started.token(), code(setup)));

    assertThat(accepted.token()).isEqualTo(started.token());
    assertThat(accepted.session()).isEqualTo(started.session());
    assertThat(sessionService.resume(started.token())).isPresent();
  }

  @Test
  void confirm_isAuditedAsAnEnrolment() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();
    int before = audit.all().size();

    service.confirm(command(token, code(setup)));

    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.TOTP_ENROLLED,
                adaActor(),
                ada.id().toString(),
                Map.of("ended_sessions", "0")));
  }

  @Test
  void confirm_promotesASessionAwaitingEnrolmentUnderANewToken() {
    settings.setForceTwoFactor(true);
    SessionStarted started = started(ada);
    TotpSetup setup = service.begin(started.token(), ADDRESS).orElseThrow();
    clock.advance(Duration.ofMinutes(1));
    int before = audit.all().size();

    Accepted accepted = (Accepted) service.confirm(command(started.token(), code(setup)));

    assertThat(accepted.token()).isNotEqualTo(started.token());
    assertThat(accepted.session().stage()).isEqualTo(SessionStage.SIGNED_IN);
    assertThat(accepted.session().createdAt()).isEqualTo(started.session().createdAt());
    assertThat(accepted.recoveryCodes()).hasSize(10);
    assertThat(sessionService.resume(started.token())).isEmpty();
    assertThat(sessionService.resume(accepted.token())).isPresent();
    assertThat(auditSince(before))
        .extracting(AuditEvent::type, AuditEvent::details)
        .containsExactly(
            tuple(AuditEventType.TOTP_ENROLLED, Map.of("ended_sessions", "0")),
            tuple(AuditEventType.SIGN_IN_SUCCEEDED, Map.of("second_factor", "totp enrolment")));
  }

  @Test
  void confirm_theRecoveryCodesWorkAtTheNextSignIn() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();
    List<String> codes = ((Accepted) service.confirm(command(token, code(setup)))).recoveryCodes();

    assertThat(pass(signIn(), codes.get(7))).isInstanceOf(Accepted.class);
  }

  @Test
  void confirm_theConfirmingCodeCannotBeUsedAgainToSignIn() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();
    String code = code(setup);
    service.confirm(command(token, code));

    assertThat(pass(signIn(), code)).isEqualTo(new Rejected(REPLAYED_CODE));
  }

  @Test
  void confirm_aWrongCodeLeavesTheSecretPending() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();

    CodeResult result =
        service.confirm(command(token, wrongCode(TotpSecret.fromBase32(setup.secret()))));

    assertThat(result).isEqualTo(new Rejected(WRONG_CODE));
    assertThat(totp.find(ada.id()).orElseThrow().confirmed()).isFalse();
    assertThat(auditTypes()).endsWith(AuditEventType.SECOND_FACTOR_FAILED);
    assertThat(service.confirm(command(token, code(setup)))).isInstanceOf(Accepted.class);
  }

  @Test
  void confirm_aMalformedCodeIsRejected() {
    SessionToken token = signIn();
    service.begin(token, ADDRESS);

    assertThat(service.confirm(command(token, "12 34"))).isEqualTo(new Rejected(MALFORMED_CODE));
  }

  @Test
  void confirm_doesNotTakeARecoveryCode() {
    SessionToken token = signIn();
    service.begin(token, ADDRESS);

    assertThat(service.confirm(command(token, "ABCDE-FGHJK")))
        .isEqualTo(new Rejected(MALFORMED_CODE));
  }

  @Test
  void confirm_acceptsOneStepOfDrift() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();

    String behind = code(TotpSecret.fromBase32(setup.secret()), -1);

    assertThat(service.confirm(command(token, behind))).isInstanceOf(Accepted.class);
  }

  @Test
  void confirm_wrongCodesAreThrottled() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();
    String wrong = wrongCode(TotpSecret.fromBase32(setup.secret()));
    for (int i = 0; i < 5; i++) {
      service.confirm(command(token, wrong));
    }

    assertThat(service.confirm(command(token, code(setup))))
        .isEqualTo(new Throttled(Duration.ofSeconds(30)));
    assertThat(totp.find(ada.id()).orElseThrow().confirmed()).isFalse();
  }

  @Test
  void confirm_nothingPendingIsNotApplicable() {
    SessionToken token = signIn();

    assertThat(service.confirm(command(token, "123456")))
        .isEqualTo(new NotApplicable(NOTHING_PENDING));
  }

  // --- enrolment: a secret belongs to the session that began it -------------------------------

  @Test
  void begin_isAuditedWithWhoAndWhereButNeverTheSecret() {
    SessionToken token = signIn();
    int before = audit.all().size();

    TotpSetup setup = service.begin(token, OTHER_ADDRESS).orElseThrow();

    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.TOTP_ENROLMENT_BEGUN,
                Actor.operator(ada.id(), "ada", OTHER_ADDRESS),
                ada.id().toString(),
                Map.of()));
    assertThat(audit.all().toString()).doesNotContain(setup.secret());
  }

  @Test
  void pending_neverShowsASecretBegunByAnotherSession() {
    SessionToken attacker = signIn();
    SessionToken operator = signIn();
    TotpSetup planted = service.begin(attacker, OTHER_ADDRESS).orElseThrow();

    assertThat(service.pending(operator)).isEmpty();
    assertThat(service.pending(attacker)).contains(planted);
  }

  @Test
  void confirm_neverTakesACodeOfASecretBegunByAnotherSession() {
    SessionToken attacker = signIn();
    SessionToken operator = signIn();
    TotpSetup planted = service.begin(attacker, OTHER_ADDRESS).orElseThrow();

    assertThat(service.confirm(command(operator, code(planted))))
        .isEqualTo(new NotApplicable(NOTHING_PENDING));
    assertThat(totp.find(ada.id()).orElseThrow().confirmed()).isFalse();
  }

  @Test
  void begin_inAnotherSessionReplacesTheSecretSoTheFirstCannotBeConfirmed() {
    SessionToken attacker = signIn();
    SessionToken operator = signIn();
    TotpSetup planted = service.begin(attacker, OTHER_ADDRESS).orElseThrow();

    TotpSetup own = service.begin(operator, ADDRESS).orElseThrow();

    assertThat(own.secret()).isNotEqualTo(planted.secret());
    assertThat(service.pending(attacker)).isEmpty();
    assertThat(service.confirm(command(attacker, code(planted))))
        .isEqualTo(new NotApplicable(NOTHING_PENDING));
    assertThat(service.confirm(command(operator, code(own)))).isInstanceOf(Accepted.class);
  }

  @Test
  void aPendingSecret_expiresTenMinutesAfterItWasBegun() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();
    clock.advance(TwoFactorService.PENDING_LIFETIME.minusSeconds(1));
    assertThat(service.pending(token)).contains(setup);

    clock.advance(Duration.ofSeconds(1));

    assertThat(service.pending(token)).isEmpty();
    assertThat(service.confirm(command(token, code(setup))))
        .isEqualTo(new NotApplicable(NOTHING_PENDING));
    assertThat(totp.find(ada.id()).orElseThrow().confirmed()).isFalse();
    TotpSetup again = service.begin(token, ADDRESS).orElseThrow();
    assertThat(service.confirm(command(token, code(again)))).isInstanceOf(Accepted.class);
  }

  @Test
  void confirm_endsEveryOtherSessionOfTheOperatorButThisOne() {
    Operator bob = operator("bob");
    operators.add(bob, hasher.hash(new Password(PASSWORD)));
    SessionToken token = signIn();
    SessionToken other = signIn();
    SessionToken halfSignedIn = SessionToken.random();
    sessions.create(Session.begin(halfSignedIn, ada.id(), SecondFactor.TOTP, clock.now()));
    SessionToken bobs = started(bob).token();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();
    int before = audit.all().size();

    assertThat(service.confirm(command(token, code(setup)))).isInstanceOf(Accepted.class);

    assertThat(sessionService.resume(token)).isPresent();
    assertThat(sessionService.resume(other)).isEmpty();
    assertThat(sessions.find(halfSignedIn.key())).isEmpty();
    assertThat(sessionService.resume(bobs)).isPresent();
    assertThat(auditSince(before))
        .extracting(AuditEvent::type, AuditEvent::details)
        .containsExactly(tuple(AuditEventType.TOTP_ENROLLED, Map.of("ended_sessions", "2")));
  }

  @Test
  void confirm_atForcedEnrolment_endsTheOtherSessionsAndSignsInOnlyThisOne() {
    settings.setForceTwoFactor(true);
    SessionToken attacker = signIn();
    SessionToken operator = signIn();
    service.begin(attacker, OTHER_ADDRESS).orElseThrow();
    TotpSetup own = service.begin(operator, ADDRESS).orElseThrow();

    Accepted accepted = (Accepted) service.confirm(command(operator, code(own)));

    assertThat(accepted.session().stage()).isEqualTo(SessionStage.SIGNED_IN);
    assertThat(sessionService.resume(accepted.token())).isPresent();
    assertThat(sessionService.resume(attacker)).isEmpty();
    assertThat(sessionService.resume(operator)).isEmpty();
  }

  @Test
  void confirm_anAlreadyConfirmedAppIsNotApplicable() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);

    assertThat(service.confirm(command(token, code(enrolled.secret()))))
        .isInstanceOf(NotApplicable.class);
    assertThat(totp.remainingRecoveryCodes(ada.id())).isEqualTo(10);
  }

  @Test
  void confirm_notForASessionAwaitingTheSecondFactor() {
    enrol(ada);
    SessionToken token = signIn();

    assertThat(service.confirm(command(token, "123456"))).isEqualTo(new SessionEnded());
  }

  @Test
  void confirm_notForAnUnknownSession() {
    assertThat(service.confirm(command(SessionToken.random(), "123456")))
        .isEqualTo(new SessionEnded());
  }

  // --- turning it off -------------------------------------------------------------------------

  @Test
  void disable_aValidCodeRemovesTheAppAndTheRecoveryCodes() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();
    SessionToken current = ((Accepted) pass(token, code(enrolled.secret()))).token();
    clock.advance(Duration.ofSeconds(30));

    CodeResult result = service.disable(command(current, code(enrolled.secret())));

    assertThat(result).isInstanceOf(Accepted.class);
    assertThat(((Accepted) result).token()).isEqualTo(current);
    assertThat(totp.find(ada.id())).isEmpty();
    assertThat(totp.remainingRecoveryCodes(ada.id())).isZero();
    assertThat(service.status(ada.id())).isEqualTo(new TwoFactorStatus(false, 0, false));
  }

  @Test
  void disable_isAuditedAndTheNextSignInNeedsOnlyThePassword() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);
    int before = audit.all().size();

    service.disable(command(token, code(enrolled.secret())));

    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.TOTP_DISABLED,
                adaActor(),
                ada.id().toString(),
                Map.of()));
    assertThat(started(ada).session().stage()).isEqualTo(SessionStage.SIGNED_IN);
  }

  @Test
  void disable_aRecoveryCodeWillDo() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);

    assertThat(service.disable(command(token, enrolled.recoveryCodes().getFirst())))
        .isInstanceOf(Accepted.class);
    assertThat(totp.find(ada.id())).isEmpty();
  }

  @Test
  void disable_aWrongCodeKeepsTheApp() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);

    assertThat(service.disable(command(token, wrongCode(enrolled.secret()))))
        .isEqualTo(new Rejected(WRONG_CODE));
    assertThat(totp.find(ada.id()).orElseThrow().confirmed()).isTrue();
  }

  @Test
  void disable_refusesTheCodeJustUsedToSignIn() {
    Enrolled enrolled = enrol(ada);
    String code = code(enrolled.secret());
    Accepted signedIn = (Accepted) pass(signIn(), code);

    assertThat(service.disable(command(signedIn.token(), code)))
        .isEqualTo(new Rejected(REPLAYED_CODE));
    assertThat(totp.find(ada.id())).isPresent();
  }

  @Test
  void disable_isRefusedWhileForceTwoFactorIsOnWithoutSpendingTheCode() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);
    settings.setForceTwoFactor(true);
    OptionalLong before = lastUsedStep();

    CodeResult result = service.disable(command(token, code(enrolled.secret())));

    assertThat(result)
        .isEqualTo(
            new NotApplicable(
                "Two-factor authentication is required for every operator, so it cannot be"
                    + " turned off."));
    assertThat(totp.find(ada.id()).orElseThrow().confirmed()).isTrue();
    assertThat(lastUsedStep()).isEqualTo(before);
    assertThat(auditTypes()).doesNotContain(AuditEventType.TOTP_DISABLED);
  }

  @Test
  void disable_nothingToTurnOffWithoutAnApp() {
    SessionToken token = signIn();

    assertThat(service.disable(command(token, "123456")))
        .isEqualTo(new NotApplicable("Two-factor authentication is not turned on."));
  }

  @Test
  void disable_nothingToTurnOffWhileTheAppIsOnlyPending() {
    SessionToken token = signIn();
    service.begin(token, ADDRESS);

    assertThat(service.disable(command(token, "123456"))).isInstanceOf(NotApplicable.class);
    assertThat(totp.find(ada.id())).isPresent();
  }

  @Test
  void disable_notFromAHalfSignedInSession() {
    Enrolled enrolled = enrol(ada);
    SessionToken token = signIn();

    assertThat(service.disable(command(token, code(enrolled.secret()))))
        .isEqualTo(new SessionEnded());
    assertThat(totp.find(ada.id())).isPresent();
  }

  @Test
  void disable_wrongCodesAreThrottled() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);
    for (int i = 0; i < 5; i++) {
      service.disable(command(token, wrongCode(enrolled.secret())));
    }

    assertThat(service.disable(command(token, code(enrolled.secret()))))
        .isInstanceOf(Throttled.class);
    assertThat(totp.find(ada.id())).isPresent();
  }

  // --- new recovery codes ---------------------------------------------------------------------

  @Test
  void regenerate_replacesTheRecoveryCodes() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);

    Accepted accepted = (Accepted) service.regenerate(command(token, code(enrolled.secret())));

    assertThat(accepted.token()).isEqualTo(token);
    assertThat(accepted.recoveryCodes())
        .hasSize(10)
        .doesNotContainAnyElementsOf(enrolled.recoveryCodes());
    assertThat(totp.remainingRecoveryCodes(ada.id())).isEqualTo(10);
    assertThat(pass(signIn(), enrolled.recoveryCodes().getFirst()))
        .isEqualTo(new Rejected(WRONG_RECOVERY_CODE));
    assertThat(pass(signIn(), accepted.recoveryCodes().getFirst())).isInstanceOf(Accepted.class);
  }

  @Test
  void regenerate_isAudited() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);
    int before = audit.all().size();

    service.regenerate(command(token, code(enrolled.secret())));

    assertThat(auditSince(before))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.RECOVERY_CODES_REGENERATED,
                adaActor(),
                ada.id().toString(),
                Map.of()));
  }

  @Test
  void regenerate_isAllowedWhileForceTwoFactorIsOn() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);
    settings.setForceTwoFactor(true);

    assertThat(service.regenerate(command(token, code(enrolled.secret()))))
        .isInstanceOf(Accepted.class);
  }

  @Test
  void regenerate_aWrongCodeKeepsTheOldCodes() {
    SessionToken token = signIn();
    Enrolled enrolled = enrol(ada);

    assertThat(service.regenerate(command(token, wrongCode(enrolled.secret()))))
        .isEqualTo(new Rejected(WRONG_CODE));
    assertThat(pass(signIn(), enrolled.recoveryCodes().getFirst())).isInstanceOf(Accepted.class);
  }

  @Test
  void regenerate_nothingToRegenerateWithoutAnApp() {
    assertThat(service.regenerate(command(signIn(), "123456"))).isInstanceOf(NotApplicable.class);
  }

  @Test
  void regenerate_notFromAHalfSignedInSession() {
    Enrolled enrolled = enrol(ada);

    assertThat(service.regenerate(command(signIn(), code(enrolled.secret()))))
        .isEqualTo(new SessionEnded());
  }

  // --- status ---------------------------------------------------------------------------------

  @Test
  void status_notEnrolled() {
    assertThat(service.status(ada.id())).isEqualTo(new TwoFactorStatus(false, 0, false));
  }

  @Test
  void status_aPendingAppIsNotAnEnrolment() {
    service.begin(signIn(), ADDRESS);

    assertThat(service.status(ada.id())).isEqualTo(new TwoFactorStatus(false, 0, false));
  }

  @Test
  void status_countsTheRecoveryCodesLeft() {
    Enrolled enrolled = enrol(ada);
    assertThat(service.status(ada.id())).isEqualTo(new TwoFactorStatus(true, 10, false));

    pass(signIn(), enrolled.recoveryCodes().get(0));
    pass(signIn(), enrolled.recoveryCodes().get(1));

    assertThat(service.status(ada.id())).isEqualTo(new TwoFactorStatus(true, 8, false));
  }

  @Test
  void status_saysWhetherTwoFactorIsRequired() {
    settings.setForceTwoFactor(true);

    assertThat(service.status(ada.id())).isEqualTo(new TwoFactorStatus(false, 0, true));
  }
}
