package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult;
import io.supportpro.application.port.in.SignInResult.Busy;
import io.supportpro.application.port.in.SignInResult.Deactivated;
import io.supportpro.application.port.in.SignInResult.InvalidCredentials;
import io.supportpro.application.port.in.SignInResult.SessionStarted;
import io.supportpro.application.port.in.SignInResult.Throttled;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.UnitOfWork;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.FakeCodePlugin;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.operator.Username;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionServiceTest {
  private static final SecondFactor PROMPT = SecondFactor.prompt(FakePromptPlugin.ID);
  private static final String PASSWORD = "violet-Harbour-47-kettle";
  private static final String ADDRESS = "192.0.2.10";
  private static final String OTHER_ADDRESS = "198.51.100.7";

  private final MutableClock clock = MutableClock.atStart();
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final CountingPasswordHasher hasher = new CountingPasswordHasher();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryFailedAttempts attempts = new InMemoryFailedAttempts();
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  private final InMemoryPluginCatalog catalog =
      new InMemoryPluginCatalog(List.of(new FakePromptPlugin(), new FakeCodePlugin()));
  private final InMemoryTotpCredentials totp = new InMemoryTotpCredentials();
  private final InMemoryPanelSettings settings = new InMemoryPanelSettings();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  // What each unit of work changed, so that a test sees which changes a sign-in makes together.
  private final List<List<String>> changedTogether = new ArrayList<>();
  private final UnitOfWork unitOfWork =
      new UnitOfWork() {
        @Override
        public <T> T run(Supplier<T> work) {
          List<ThrottleKey> keys = List.of(ThrottleKey.account(ada.id().toString()));
          List<ThrottleState> throttleBefore = attempts.find(keys);
          int sessionsBefore = sessions.size();
          int entriesBefore = audit.all().size();
          T result = work.get();
          List<String> changed = new ArrayList<>();
          if (!attempts.find(keys).equals(throttleBefore)) {
            changed.add("throttle");
          }
          if (sessions.size() != sessionsBefore) {
            changed.add("session");
          }
          if (audit.all().size() != entriesBefore) {
            changed.add("audit");
          }
          changedTogether.add(changed);
          return result;
        }
      };
  private final SessionService service =
      new SessionService(
          operators,
          hasher,
          sessions,
          attempts,
          ThrottlePolicy.DEFAULT,
          new SecondFactorRequirement(catalog, plugins, totp, settings),
          SessionTimeouts.DEFAULT,
          audit,
          unitOfWork,
          clock);

  private final Operator ada = operator("ada");

  @BeforeEach
  void setUp() {
    operators.add(ada, hasher.hash(new Password(PASSWORD)));
    hasher.reset();
  }

  private SignInResult signIn(String login, String password) {
    return signIn(login, password, ADDRESS);
  }

  private SignInResult signIn(String login, String password, String address) {
    return service.signIn(new SignInCommand(login, new Password(password), address));
  }

  private SessionStarted signInAsAda() {
    SignInResult result = signIn("ada", PASSWORD);
    assertThat(result).isInstanceOf(SessionStarted.class);
    return (SessionStarted) result;
  }

  private void failTimes(String login, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(signIn(login, "wrong-" + i)).isInstanceOf(InvalidCredentials.class);
    }
  }

  private void enrolTotp(Operator operator) {
    SessionKey enrolling = SessionToken.random().key();
    totp.savePending(operator.id(), enrolling, "encrypted-secret", clock.now());
    totp.confirm(operator.id(), enrolling, "encrypted-secret", 1, List.of());
  }

  private void enablePromptFor(Operator operator) {
    enable(FakePromptPlugin.ID, FakePromptPlugin.saved(new FakeSecretCipher()), operator);
  }

  private void enable(PluginId plugin, PluginSettings saved, Operator operator) {
    plugins.transition(plugin, PluginState.AVAILABLE, PluginState.ACTIVE);
    plugins.saveSettingsIfActive(plugin, saved);
    plugins.setOperatorValueIfActive(
        plugin, operator.id(), PluginMethods.ENABLED_KEY, Optional.of("true"));
  }

  private Optional<ThrottleState> throttleState(ThrottleKey key) {
    return attempts.find(List.of(key)).stream().findFirst();
  }

  /** Ada's failures are counted against her operator id, however she is named. */
  private ThrottleKey adaKey() {
    return ThrottleKey.account(ada.id().toString());
  }

  /**
   * A service like the one under test that admits this many sign-ins at a time; the hasher's counts
   * start again from there.
   */
  private SessionService admitting(int maxAdmitted) {
    var service =
        new SessionService(
            operators,
            hasher,
            sessions,
            attempts,
            ThrottlePolicy.DEFAULT,
            new SecondFactorRequirement(catalog, plugins, totp, settings),
            SessionTimeouts.DEFAULT,
            audit,
            unitOfWork,
            clock,
            maxAdmitted);
    hasher.reset();
    return service;
  }

  private Actor adaActor(String address) {
    return Actor.operator(ada.id(), "ada", address);
  }

  private List<AuditEventType> auditTypes() {
    return audit.all().stream().map(AuditEvent::type).toList();
  }

  // --- signing in ---------------------------------------------------------------------------

  @Test
  void signIn_keepsTheClientAddressAndUserAgentWithTheSessionCleaned() {
    SignInResult result =
        service.signIn(
            new SignInCommand(
                "ada", new Password(PASSWORD), ADDRESS, "Firefox/133.0\r\n" + "x".repeat(5_000)));

    Session stored = sessions.find(((SessionStarted) result).token().key()).orElseThrow();
    assertThat(stored.client().address()).isEqualTo(ADDRESS);
    assertThat(stored.client().userAgent())
        .startsWith("Firefox/133.0x")
        .hasSize(SessionClient.MAX_USER_AGENT);
  }

  @Test
  void signIn_withoutTwoFactorStartsAFullySignedInSession() {
    SessionStarted started = signInAsAda();

    Session session = started.session();
    assertThat(session.stage()).isEqualTo(SessionStage.SIGNED_IN);
    assertThat(session.secondFactor()).isEqualTo(SecondFactor.NONE);
    assertThat(session.operator()).isEqualTo(ada.id());
    assertThat(session.createdAt()).isEqualTo(clock.now());
    assertThat(session.key()).isEqualTo(started.token().key());
    assertThat(sessions.find(started.token().key())).contains(session);
  }

  @Test
  void signIn_withoutTwoFactorAuditsASuccessfulSignIn() {
    signInAsAda();

    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_SUCCEEDED,
                adaActor(ADDRESS),
                ada.id().toString(),
                Map.of("second_factor", "none")));
  }

  @Test
  void signIn_settlesTheThrottleAndStoresTheSessionAndItsAuditEntryInOneUnitOfWork() {
    service.signIn(new SignInCommand("ada", new Password("wrong-password-1"), ADDRESS));
    changedTogether.clear();

    signInAsAda();

    assertThat(changedTogether).containsExactly(List.of("throttle", "session", "audit"));
  }

  @Test
  void signIn_issuesANewTokenEveryTime() {
    SessionStarted first = signInAsAda();
    SessionStarted second = signInAsAda();

    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(second.session().key()).isNotEqualTo(first.session().key());
    assertThat(second.session().csrfToken()).isNotEqualTo(first.session().csrfToken());
    assertThat(sessions.size()).isEqualTo(2);
  }

  @Test
  void signIn_withAnAuthenticatorAppAwaitsTheSecondFactor() {
    enrolTotp(ada);

    Session session = signInAsAda().session();

    assertThat(session.stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR);
    assertThat(session.secondFactor()).isEqualTo(SecondFactor.TOTP);
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.PASSWORD_ACCEPTED,
                adaActor(ADDRESS),
                ada.id().toString(),
                Map.of("second_factor", "totp")));
  }

  @Test
  void signIn_withForceTwoFactorAndNoAppAwaitsEnrolment() {
    settings.setForceTwoFactor(true);

    Session session = signInAsAda().session();

    assertThat(session.stage()).isEqualTo(SessionStage.AWAITING_ENROLMENT);
    assertThat(session.secondFactor()).isEqualTo(SecondFactor.TOTP_ENROLMENT);
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.PASSWORD_ACCEPTED,
                adaActor(ADDRESS),
                ada.id().toString(),
                Map.of("second_factor", "totp_enrolment")));
  }

  @Test
  void signIn_withForceTwoFactorAndAnAppAsksForACode() {
    settings.setForceTwoFactor(true);
    enrolTotp(ada);

    assertThat(signInAsAda().session().secondFactor()).isEqualTo(SecondFactor.TOTP);
  }

  @Test
  void signIn_anUnconfirmedAppIsNoSecondFactor() {
    totp.savePending(ada.id(), SessionToken.random().key(), "encrypted-secret", clock.now());

    assertThat(signInAsAda().session().stage()).isEqualTo(SessionStage.SIGNED_IN);
  }

  @Test
  void signIn_withAPromptPluginActiveAndEnabledForTheOperatorAwaitsItsPrompt() {
    enablePromptFor(ada);
    enrolTotp(ada);
    settings.setForceTwoFactor(true);

    Session session = signInAsAda().session();

    assertThat(session.stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR);
    assertThat(session.secondFactor()).isEqualTo(PROMPT);
    assertThat(audit.all())
        .extracting(AuditEvent::type, AuditEvent::details)
        .containsExactly(
            tuple(
                AuditEventType.PASSWORD_ACCEPTED,
                Map.of("second_factor", FakePromptPlugin.ID.value())));
  }

  @Test
  void signIn_withACodePluginActiveAndEnabledForTheOperatorAwaitsItsCode() {
    enable(FakeCodePlugin.ID, FakeCodePlugin.saved(new FakeSecretCipher()), ada);
    enrolTotp(ada);

    Session session = signInAsAda().session();

    assertThat(session.stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR);
    assertThat(session.secondFactor()).isEqualTo(SecondFactor.code(FakeCodePlugin.ID));
    assertThat(audit.all())
        .extracting(AuditEvent::type, AuditEvent::details)
        .containsExactly(
            tuple(
                AuditEventType.PASSWORD_ACCEPTED,
                Map.of("second_factor", FakeCodePlugin.ID.value())));
  }

  @Test
  void signIn_withThePluginDeactivatedTheBuiltInTwoFactorAppliesAgain() {
    enablePromptFor(ada);
    enrolTotp(ada);
    plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    assertThat(signInAsAda().session().secondFactor()).isEqualTo(SecondFactor.TOTP);
  }

  @Test
  void signIn_withThePluginDeactivatedAndForceTwoFactorTheOperatorEnrols() {
    enablePromptFor(ada);
    settings.setForceTwoFactor(true);
    plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    assertThat(signInAsAda().session().secondFactor()).isEqualTo(SecondFactor.TOTP_ENROLMENT);
  }

  @Test
  void signIn_withThePluginDeactivatedAndNothingElseNoSecondFactorIsAsked() {
    enablePromptFor(ada);
    plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    assertThat(signInAsAda().session().stage()).isEqualTo(SessionStage.SIGNED_IN);
  }

  @Test
  void signIn_withThePluginUninstalledTheBuiltInTwoFactorAppliesAgain() {
    enablePromptFor(ada);
    enrolTotp(ada);
    plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);
    plugins.transition(FakePromptPlugin.ID, PluginState.INACTIVE, PluginState.AVAILABLE);

    assertThat(signInAsAda().session().secondFactor()).isEqualTo(SecondFactor.TOTP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "TRUE", "yes", ""})
  void signIn_withThePluginActiveButNotEnabledForTheOperatorTheBuiltInTwoFactorApplies(
      String value) {
    enablePromptFor(ada);
    plugins.setOperatorValueIfActive(
        FakePromptPlugin.ID, ada.id(), PluginMethods.ENABLED_KEY, Optional.of(value));
    enrolTotp(ada);

    assertThat(signInAsAda().session().secondFactor()).isEqualTo(SecondFactor.TOTP);
  }

  @Test
  void signIn_withThePluginEnabledOnlyForAnotherOperatorTheBuiltInTwoFactorApplies() {
    Operator bob = operator("bob");
    operators.add(bob, hasher.hash(new Password(PASSWORD)));
    enablePromptFor(bob);
    settings.setForceTwoFactor(true);

    assertThat(signInAsAda().session().secondFactor()).isEqualTo(SecondFactor.TOTP_ENROLMENT);
    assertThat(((SessionStarted) signIn("bob", PASSWORD)).session().secondFactor())
        .isEqualTo(PROMPT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada",
        "ADA",
        "  Ada  ",
        "ada@example.com",
        "Ada@Example.COM",
        " ADA@EXAMPLE.COM\t"
      })
  void signIn_acceptsTheUsernameOrEmailWithoutRegardToCaseOrSurroundingSpace(String login) {
    SignInResult result = signIn(login, PASSWORD);

    assertThat(result).isInstanceOf(SessionStarted.class);
    assertThat(((SessionStarted) result).session().operator()).isEqualTo(ada.id());
  }

  @Test
  void signIn_thePasswordIsCaseSensitive() {
    assertThat(signIn("ada", PASSWORD.toUpperCase())).isInstanceOf(InvalidCredentials.class);
  }

  @Test
  void signIn_aLoginOf254CharactersCanStillBeAnEmailAddress() {
    String email = "x".repeat(64) + "@" + "d".repeat(185) + ".com";
    Operator longMail =
        new Operator(
            OperatorId.random(),
            new Username("longmail"),
            new EmailAddress(email),
            new DisplayName("Long Mail"),
            Role.OPERATOR,
            true);
    operators.add(longMail, hasher.hash(new Password(PASSWORD)));

    assertThat(email).hasSize(254);
    assertThat(signIn(email, PASSWORD)).isInstanceOf(SessionStarted.class);
  }

  // --- one answer for every failure -----------------------------------------------------------

  @Test
  void signIn_unknownUserAndWrongPasswordGetTheSameAnswer() {
    SignInResult unknown = signIn("nobody", PASSWORD);
    SignInResult wrong = signIn("ada", "not-the-password");

    assertThat(unknown).isEqualTo(wrong).isEqualTo(new InvalidCredentials());
    assertThat(sessions.size()).isZero();
  }

  @Test
  void signIn_unknownUserAndWrongPasswordAreAuditedAlikeExceptForTheSubject() {
    signIn("nobody", PASSWORD);
    signIn("ada", "not-the-password");

    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_FAILED,
                Actor.anonymous("nobody", ADDRESS),
                "",
                Map.of("reason", "invalid credentials")),
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_FAILED,
                Actor.anonymous("ada", ADDRESS),
                ada.id().toString(),
                Map.of("reason", "invalid credentials")));
  }

  @Test
  void signIn_anUnknownUserCostsExactlyOneHashEvenTheFirstTime() {
    signIn("nobody", PASSWORD);
    assertThat(hasher.computed()).isEqualTo(1);

    hasher.reset();
    signIn("somebody-else", PASSWORD);
    assertThat(hasher.computed()).isEqualTo(1);
  }

  @Test
  void signIn_aWrongPasswordCostsExactlyOneHash() {
    signIn("ada", "not-the-password");

    assertThat(hasher.computed()).isEqualTo(1);
  }

  @Test
  void signIn_aFreshServiceHashesNothingAndCostsOneHashForAnUnknownUserLikeForAWrongPassword() {
    hasher.reset();
    SessionService fresh =
        new SessionService(
            operators,
            hasher,
            sessions,
            attempts,
            ThrottlePolicy.DEFAULT,
            new SecondFactorRequirement(catalog, plugins, totp, settings),
            SessionTimeouts.DEFAULT,
            audit,
            unitOfWork,
            clock);
    assertThat(hasher.computed()).as("hashes made while the service is built").isZero();

    fresh.signIn(new SignInCommand("nobody", new Password(PASSWORD), ADDRESS));
    int unknown = hasher.computed();
    hasher.reset();
    fresh.signIn(new SignInCommand("ada", new Password("nope"), OTHER_ADDRESS));
    int wrong = hasher.computed();

    assertThat(unknown).isEqualTo(wrong).isEqualTo(1);
  }

  @Test
  void signIn_theRightPasswordCostsExactlyOneHash() {
    signInAsAda();

    assertThat(hasher.computed()).isEqualTo(1);
  }

  @Test
  void signIn_anEmptyLoginIsRefusedLikeAWrongPassword() {
    assertThat(signIn("   ", PASSWORD)).isEqualTo(new InvalidCredentials());
    assertThat(hasher.computed()).isEqualTo(1);
  }

  @Test
  void signIn_anEmptyLoginIsCountedAgainstTheAddressOnly_sinceNoAccountHasAnEmptyName() {
    failTimes("", 1);
    failTimes("   ", 5);

    assertThat(throttleState(ThrottleKey.account(""))).isEmpty();
    assertThat(throttleState(ThrottleKey.address(ADDRESS)).orElseThrow().failures()).isEqualTo(6);
    // No shared key for empty logins: one browser's empty attempts do not lock out another's.
    assertThat(signIn("", PASSWORD, OTHER_ADDRESS)).isEqualTo(new InvalidCredentials());
  }

  @Test
  void signIn_emptyLoginsStillLockTheAddress() {
    failTimes("", 20);

    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofSeconds(30)));
    assertThat(signIn("ada", PASSWORD, OTHER_ADDRESS)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_anOverLongLoginIsRefusedLikeAWrongPassword() {
    SignInResult result = signIn("ada" + " ".repeat(10) + "x".repeat(300), PASSWORD);

    assertThat(result).isEqualTo(new InvalidCredentials());
    assertThat(hasher.computed()).isEqualTo(1);
    assertThat(auditTypes()).containsExactly(AuditEventType.SIGN_IN_FAILED);
  }

  @Test
  void signIn_anOverLongLoginCountsAsAFailure() {
    String login = "y".repeat(255);

    failTimes(login, 5);

    assertThat(signIn(login, PASSWORD)).isInstanceOf(Throttled.class);
  }

  @Test
  void signIn_anOverLongPasswordIsRefusedLikeAWrongOneWithoutHashingIt() {
    String overLong = PASSWORD + "z".repeat(2 * Password.MAX_LENGTH);

    SignInResult result = signIn("ada", overLong);

    assertThat(result).isEqualTo(new InvalidCredentials());
    assertThat(hasher.computed()).isEqualTo(1);
    assertThat(hasher.longestPassword()).isLessThanOrEqualTo(2 * Password.MAX_LENGTH);
    assertThat(throttleState(adaKey()))
        .hasValueSatisfying(s -> assertThat(s.failures()).isEqualTo(1));
  }

  @Test
  void signIn_anOverLongPasswordForAnUnknownUserCostsOneHashToo() {
    signIn("nobody", "z".repeat(100_000));

    assertThat(hasher.computed()).isEqualTo(1);
    assertThat(hasher.longestPassword()).isLessThanOrEqualTo(2 * Password.MAX_LENGTH);
  }

  @Test
  void signIn_aPasswordJustWithinTheLimitIsStillChecked() {
    String longest = "q".repeat(2 * Password.MAX_LENGTH);

    assertThat(signIn("ada", longest)).isEqualTo(new InvalidCredentials());
    assertThat(hasher.longestPassword()).isEqualTo(longest.length());
  }

  // --- throttling -----------------------------------------------------------------------------

  @Test
  void signIn_fiveFailuresLockTheAccountEvenAgainstTheRightPassword() {
    failTimes("ada", 5);
    hasher.reset();

    SignInResult result = signIn("ada", PASSWORD);

    assertThat(result).isEqualTo(new Throttled(Duration.ofSeconds(30)));
    assertThat(hasher.computed()).isZero();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void signIn_fourFailuresDoNotLockTheAccount() {
    failTimes("ada", 4);

    assertThat(signIn("ada", PASSWORD)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_theFailureThatLocksIsAuditedAsThrottled() {
    failTimes("ada", 4);
    int before = audit.all().size();

    signIn("ada", "wrong-again");

    assertThat(audit.all().subList(before, audit.all().size()))
        .extracting(AuditEvent::type, AuditEvent::subject)
        .containsExactly(
            tuple(AuditEventType.SIGN_IN_FAILED, ada.id().toString()),
            tuple(AuditEventType.SIGN_IN_THROTTLED, ada.id().toString()));
  }

  @Test
  void signIn_anAttemptRefusedWhileLockedIsAuditedAsThrottled() {
    failTimes("ada", 5);
    int before = audit.all().size();

    signIn("ada", PASSWORD);

    assertThat(audit.all().subList(before, audit.all().size()))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_THROTTLED,
                Actor.anonymous("ada", ADDRESS),
                "",
                Map.of()));
  }

  private List<RecordedAuditEvent> entries(AuditEventType type) {
    return audit.entries().stream().filter(e -> e.event().type() == type).toList();
  }

  @Test
  void signIn_attemptsRefusedWhileLockedAreOneCountedEntryNotARowEach() {
    failTimes("ada", 5);
    int before = audit.entries().size();

    for (int i = 0; i < 200; i++) {
      clock.advance(Duration.ofMillis(100));
      assertThat(signIn("ada", "wrong-again", i % 2 == 0 ? ADDRESS : OTHER_ADDRESS))
          .isInstanceOf(Throttled.class);
    }

    assertThat(audit.entries()).hasSize(before + 1);
    RecordedAuditEvent refused = audit.entries().getLast();
    assertThat(refused.event().type()).isEqualTo(AuditEventType.SIGN_IN_THROTTLED);
    assertThat(refused.event().actor()).isEqualTo(Actor.anonymous("ada", ADDRESS));
    assertThat(refused.occurrences()).isEqualTo(200);
    assertThat(refused.lastOccurredAt()).isEqualTo(clock.now());
  }

  @Test
  void signIn_madeUpNamesFromALockedAddressAreOneCountedEntry() {
    for (int i = 0; i < 20; i++) {
      signIn("name-" + i, "wrong");
    }
    int before = audit.entries().size();

    for (int i = 0; i < 100; i++) {
      assertThat(signIn("another-" + i, "wrong")).isInstanceOf(Throttled.class);
    }

    assertThat(audit.entries()).hasSize(before + 1);
    assertThat(audit.entries().getLast().occurrences()).isEqualTo(100);
  }

  @Test
  void signIn_refusalsAfterTheThrottleWindowStartANewEntry() {
    failTimes("ada", 5);
    signIn("ada", PASSWORD);
    clock.advance(Duration.ofHours(1));
    // A failure that is checked again after the lock, and the lock it renews.
    failTimes("ada", 1);

    signIn("ada", PASSWORD);
    signIn("ada", PASSWORD);

    assertThat(entries(AuditEventType.SIGN_IN_THROTTLED))
        .extracting(RecordedAuditEvent::occurrences)
        .containsExactly(1L, 1L, 1L, 2L);
  }

  @Test
  void signIn_unknownAccountsAreThrottledLikeKnownOnes() {
    failTimes("nobody", 5);
    hasher.reset();

    assertThat(signIn("nobody", PASSWORD)).isEqualTo(new Throttled(Duration.ofSeconds(30)));
    assertThat(hasher.computed()).isZero();
  }

  @Test
  void signIn_theAccountLockHoldsFromEveryAddress() {
    failTimes("ada", 5);

    assertThat(signIn("ada", PASSWORD, OTHER_ADDRESS)).isInstanceOf(Throttled.class);
  }

  @Test
  void signIn_theAccountLockCountsEveryWayOfTypingTheSameName() {
    signIn("ADA", "wrong-1");
    signIn(" Ada ", "wrong-2");
    signIn("ada", "wrong-3");
    signIn("aDa", "wrong-4");
    signIn("ADA ", "wrong-5");

    assertThat(signIn("ada", PASSWORD)).isInstanceOf(Throttled.class);
  }

  @Test
  void signIn_aLockedAccountDoesNotLockOtherAccountsFromTheSameAddress() {
    Operator bob = operator("bob");
    operators.add(bob, hasher.hash(new Password(PASSWORD)));
    failTimes("ada", 5);

    assertThat(signIn("bob", PASSWORD)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_theRetryAfterCountsDownAndRoundsUpToASecond() {
    failTimes("ada", 5);
    clock.advance(Duration.ofMillis(10_500));

    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofSeconds(20)));

    clock.advance(Duration.ofMillis(19_400));
    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofSeconds(1)));
  }

  @Test
  void signIn_theLockEndsAfterItsTime() {
    failTimes("ada", 5);
    clock.advance(Duration.ofSeconds(30));

    assertThat(signIn("ada", PASSWORD)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_eachFailureAfterALockDoublesTheNextLock() {
    failTimes("ada", 5);

    clock.advance(Duration.ofSeconds(30));
    failTimes("ada", 1);
    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofMinutes(1)));

    clock.advance(Duration.ofMinutes(1));
    failTimes("ada", 1);
    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofMinutes(2)));

    clock.advance(Duration.ofMinutes(2));
    failTimes("ada", 1);
    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofMinutes(4)));
  }

  @Test
  void signIn_attemptsRefusedWhileLockedAreNotCounted() {
    failTimes("ada", 5);
    for (int i = 0; i < 10; i++) {
      assertThat(signIn("ada", "still-wrong")).isInstanceOf(Throttled.class);
    }

    assertThat(throttleState(adaKey()).orElseThrow().failures()).isEqualTo(5);
    clock.advance(Duration.ofSeconds(30));
    failTimes("ada", 1);
    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofMinutes(1)));
  }

  @Test
  void signIn_twentyFailuresFromOneAddressLockTheAddress() {
    for (int i = 0; i < 20; i++) {
      failTimes("name-" + i, 1);
    }
    hasher.reset();

    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofSeconds(30)));
    assertThat(hasher.computed()).isZero();
    assertThat(signIn("ada", PASSWORD, OTHER_ADDRESS)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_nineteenFailuresFromOneAddressDoNotLockIt() {
    for (int i = 0; i < 19; i++) {
      failTimes("name-" + i, 1);
    }

    assertThat(signIn("ada", PASSWORD)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_aLongerAddressLockOutlastsTheAccountLock() {
    for (int i = 0; i < 20; i++) {
      failTimes("name-" + i, 1);
    }
    clock.advance(Duration.ofSeconds(30));
    failTimes("name-x", 1); // the address's 21st failure: locked for a minute
    for (int i = 0; i < 5; i++) {
      signIn("ada", "wrong-" + i, OTHER_ADDRESS); // ada's 5th failure: locked for 30 seconds
    }

    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofMinutes(1)));
  }

  @Test
  void signIn_aLongerAccountLockOutlastsTheAddressLock() {
    for (int i = 0; i < 5; i++) {
      signIn("ada", "wrong-" + i, OTHER_ADDRESS);
    }
    clock.advance(Duration.ofSeconds(30));
    signIn("ada", "wrong-again", OTHER_ADDRESS); // ada's 6th failure: locked for a minute
    for (int i = 0; i < 20; i++) {
      failTimes("name-" + i, 1); // the address's 20th failure: locked for 30 seconds
    }

    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofMinutes(1)));
    clock.advance(Duration.ofSeconds(45));
    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofSeconds(15)));
  }

  @Test
  void signIn_failuresAreForgottenAfterAQuietHour() {
    failTimes("ada", 4);
    clock.advance(Duration.ofHours(1).plusSeconds(1));

    failTimes("ada", 1);

    assertThat(throttleState(adaKey()).orElseThrow().failures()).isEqualTo(1);
    assertThat(signIn("ada", PASSWORD)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_failuresLessThanAnHourApartKeepCounting() {
    failTimes("ada", 4);
    clock.advance(Duration.ofHours(1));

    failTimes("ada", 1);

    assertThat(signIn("ada", PASSWORD)).isInstanceOf(Throttled.class);
  }

  @Test
  void signIn_successForgetsTheAccountsFailuresButNotTheAddresss() {
    failTimes("ada", 4);

    signInAsAda();

    assertThat(throttleState(adaKey())).isEmpty();
    assertThat(throttleState(ThrottleKey.address(ADDRESS)))
        .hasValueSatisfying(s -> assertThat(s.failures()).isEqualTo(4));
  }

  @Test
  void signIn_afterASuccessTheAccountHasItsFullAllowanceAgain() {
    failTimes("ada", 4);
    signInAsAda();

    failTimes("ada", 4);

    assertThat(signIn("ada", PASSWORD)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_successDoesNotResetTheAddressAllowance() {
    for (int i = 0; i < 19; i++) {
      failTimes("name-" + i, 1);
    }
    signInAsAda();

    failTimes("name-x", 1);

    assertThat(signIn("ada", PASSWORD)).isInstanceOf(Throttled.class);
  }

  // --- concurrent attempts --------------------------------------------------------------------

  @Test
  void signIn_ofFiftyConcurrentWrongGuessesExactlyFiveAreChecked() throws Exception {
    SessionService wide = admitting(64);

    List<SignInResult> results =
        AtOnce.run(
            IntStream.range(0, 50)
                .<Callable<SignInResult>>mapToObj(
                    i ->
                        () ->
                            wide.signIn(
                                new SignInCommand("ada", new Password("wrong-" + i), ADDRESS)))
                .toList());

    assertThat(hasher.computed()).isEqualTo(5);
    assertThat(results).filteredOn(InvalidCredentials.class::isInstance).hasSize(5);
    assertThat(results).filteredOn(Throttled.class::isInstance).hasSize(45);
    assertThat(throttleState(adaKey()).orElseThrow().failures()).isEqualTo(5);
  }

  @Test
  void signIn_theRightPasswordIsRefusedWhenFailuresCheckedAlongsideLockTheAccount()
      throws Exception {
    CountingPasswordHasher.Gate gate = hasher.hold(PASSWORD);
    AtomicReference<SignInResult> right = new AtomicReference<>();
    Thread checking = Thread.ofVirtual().start(() -> right.set(signIn("ada", PASSWORD)));
    gate.awaitEntered();

    failTimes("ada", 3);
    assertThat(signIn("ada", "wrong-4")).isInstanceOf(InvalidCredentials.class);
    gate.open();
    checking.join();

    assertThat(right.get()).isInstanceOf(Throttled.class);
    assertThat(sessions.size()).isZero();
    assertThat(throttleState(adaKey()).orElseThrow().lockedAt(clock.now())).isTrue();
    assertThat(auditTypes()).doesNotContain(AuditEventType.SIGN_IN_SUCCEEDED);
  }

  @Test
  void signIn_aSuccessLeavesTheFailuresCountedMeanwhile() throws Exception {
    failTimes("ada", 1);
    CountingPasswordHasher.Gate gate = hasher.hold(PASSWORD);
    AtomicReference<SignInResult> right = new AtomicReference<>();
    Thread checking = Thread.ofVirtual().start(() -> right.set(signIn("ada", PASSWORD)));
    gate.awaitEntered();

    failTimes("ada", 2);
    gate.open();
    checking.join();

    assertThat(right.get()).isInstanceOf(SessionStarted.class);
    // Only its own attempt is taken back: the failures counted meanwhile, and so the count they
    // continue, stay.
    assertThat(throttleState(adaKey()).orElseThrow().failures()).isEqualTo(3);
  }

  @Test
  void signIn_aSuccessWithNothingCountedMeanwhileForgetsEveryFailureItSaw() {
    failTimes("ada", 4);

    signInAsAda();

    assertThat(throttleState(adaKey())).isEmpty();
  }

  @Test
  void signIn_theUsernameAndTheEmailAddressInAnyCaseShareOneAllowance() {
    signIn("ada", "wrong-1");
    signIn("ada@example.com", "wrong-2");
    signIn("ADA", "wrong-3");
    signIn("Ada@Example.COM", "wrong-4");
    signIn("ADA@EXAMPLE.COM", "wrong-5");
    hasher.reset();

    assertThat(signIn("ada@example.com", PASSWORD)).isInstanceOf(Throttled.class);
    assertThat(signIn("ada", PASSWORD)).isInstanceOf(Throttled.class);
    assertThat(hasher.computed()).isZero();
  }

  @Test
  void signIn_addressesOfOneIpv6NetworkShareOneAllowance() {
    for (int i = 0; i < 20; i++) {
      signIn("name-" + i, "wrong", "2001:db8:7:8::" + Integer.toHexString(i + 1));
    }

    assertThat(signIn("ada", PASSWORD, "2001:db8:7:8:ffff::1")).isInstanceOf(Throttled.class);
    assertThat(signIn("ada", PASSWORD, "2001:db8:7:9::1")).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_noLockOutlastsFifteenMinutesAndEveryLockEndsByItself() {
    failTimes("ada", 5);
    for (int i = 0; i < 12; i++) {
      Duration lock = ((Throttled) signIn("ada", PASSWORD)).retryAfter();
      assertThat(lock).isLessThanOrEqualTo(Duration.ofMinutes(15));
      clock.advance(lock);
      failTimes("ada", 1);
    }

    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Throttled(Duration.ofMinutes(15)));
    clock.advance(Duration.ofMinutes(15));
    assertThat(signIn("ada", PASSWORD)).isInstanceOf(SessionStarted.class);
  }

  @Test
  void signIn_beyondTheAdmittedNumberIsBusyUncheckedAndUncounted() throws Exception {
    SessionService narrow = admitting(1);
    CountingPasswordHasher.Gate gate = hasher.hold(PASSWORD);
    AtomicReference<SignInResult> first = new AtomicReference<>();
    Thread checking =
        Thread.ofVirtual()
            .start(
                () ->
                    first.set(
                        narrow.signIn(new SignInCommand("ada", new Password(PASSWORD), ADDRESS))));
    gate.awaitEntered();

    SignInResult second =
        narrow.signIn(new SignInCommand("ada", new Password("wrong"), OTHER_ADDRESS));
    gate.open();
    checking.join();

    assertThat(second).isEqualTo(new Busy(Duration.ofSeconds(2)));
    assertThat(first.get()).isInstanceOf(SessionStarted.class);
    assertThat(hasher.computed()).isEqualTo(1);
    assertThat(throttleState(ThrottleKey.address(OTHER_ADDRESS))).isEmpty();
    assertThat(narrow.signIn(new SignInCommand("ada", new Password("wrong"), OTHER_ADDRESS)))
        .isInstanceOf(InvalidCredentials.class);
  }

  @Test
  void defaultAdmission_isFourSignInsPerProcessor() {
    assertThat(SessionService.defaultAdmission(2)).isEqualTo(8);
    assertThat(SessionService.defaultAdmission(0)).isEqualTo(4);
  }

  // --- deactivated operators ------------------------------------------------------------------

  @Test
  void signIn_aDeactivatedOperatorWithTheRightPasswordIsToldSoAndGetsNoSession() {
    operators.update(ada.id(), OperatorChanges.active(false));

    assertThat(signIn("ada", PASSWORD)).isEqualTo(new Deactivated());
    assertThat(sessions.size()).isZero();
    assertThat(hasher.computed()).isEqualTo(1);
  }

  @Test
  void signIn_aDeactivatedOperatorIsAudited() {
    operators.update(ada.id(), OperatorChanges.active(false));

    signIn("ada", PASSWORD);

    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_FAILED,
                adaActor(ADDRESS),
                ada.id().toString(),
                Map.of("reason", "deactivated")));
  }

  @Test
  void signIn_aDeactivatedOperatorWithAWrongPasswordLearnsNothing() {
    operators.update(ada.id(), OperatorChanges.active(false));

    assertThat(signIn("ada", "not-the-password")).isEqualTo(new InvalidCredentials());
  }

  // --- rehashing ------------------------------------------------------------------------------

  @Test
  void signIn_rehashesAPasswordHashMadeWithWeakerParameters() {
    PasswordHash before = operators.findAccount("ada").orElseThrow().passwordHash();
    hasher.raiseParameters();

    signInAsAda();

    PasswordHash after = operators.findAccount("ada").orElseThrow().passwordHash();
    assertThat(after).isNotEqualTo(before);
    assertThat(hasher.matches(new Password(PASSWORD), after)).isTrue();
    assertThat(hasher.made()).isEqualTo(1);
  }

  @Test
  void signIn_keepsAHashThatIsStrongEnough() {
    PasswordHash before = operators.findAccount("ada").orElseThrow().passwordHash();

    signInAsAda();

    assertThat(operators.findAccount("ada").orElseThrow().passwordHash()).isEqualTo(before);
    assertThat(hasher.made()).isZero();
  }

  @Test
  void signIn_neverRehashesAfterAWrongPassword() {
    PasswordHash before = operators.findAccount("ada").orElseThrow().passwordHash();
    hasher.raiseParameters();

    signIn("ada", "not-the-password");

    assertThat(operators.findAccount("ada").orElseThrow().passwordHash()).isEqualTo(before);
    assertThat(hasher.made()).isZero();
  }

  @Test
  void signIn_neverRehashesForADeactivatedOperator() {
    operators.update(ada.id(), OperatorChanges.active(false));
    PasswordHash before = operators.findAccount("ada").orElseThrow().passwordHash();
    hasher.raiseParameters();

    signIn("ada", PASSWORD);

    assertThat(operators.findAccount("ada").orElseThrow().passwordHash()).isEqualTo(before);
  }

  // --- the password never reaches the audit log -----------------------------------------------

  @Test
  void signIn_neverWritesThePasswordIntoTheAuditLog() {
    signIn("ada", PASSWORD + "-typo");
    signIn("nobody", PASSWORD);
    signInAsAda();
    failTimes("ada", 5);
    signIn("ada", PASSWORD);
    clock.advance(Duration.ofMinutes(1));
    operators.update(ada.id(), OperatorChanges.active(false));
    signIn("ada", PASSWORD);
    signIn("ada", PASSWORD + "x".repeat(600));

    assertThat(audit.all()).isNotEmpty();
    assertThat(audit.all().toString()).doesNotContain(PASSWORD);
  }

  // --- resuming -------------------------------------------------------------------------------

  @Test
  void resume_findsTheSessionAndItsOperator() {
    SessionStarted started = signInAsAda();

    Optional<ActiveSession> active = service.resume(started.token());

    assertThat(active).contains(new ActiveSession(started.session(), ada, false));
  }

  @Test
  void resume_saysWhenTheOperatorMustChooseANewPassword() {
    operators.setPassword(ada.id(), hasher.hash(new Password(PASSWORD)), true);
    SessionStarted started = signInAsAda();

    assertThat(service.resume(started.token()))
        .contains(new ActiveSession(started.session(), ada, true));
  }

  @Test
  void resume_nothingForATokenThatWasNeverIssued() {
    signInAsAda();

    assertThat(service.resume(SessionToken.random())).isEmpty();
  }

  @Test
  void resume_seesTheOperatorAsTheyAreNow() {
    SessionStarted started = signInAsAda();
    Operator promoted =
        ada.withProfile(ada.email(), new DisplayName("Ada King"), Role.ADMINISTRATOR);
    operators.update(ada.id(), OperatorChanges.between(ada, promoted));

    assertThat(service.resume(started.token()).orElseThrow().operator()).isEqualTo(promoted);
  }

  @Test
  void resume_endsASessionIdleFor30Minutes() {
    SessionStarted started = signInAsAda();
    clock.advance(Duration.ofMinutes(30));

    assertThat(service.resume(started.token())).isEmpty();
    assertThat(sessions.find(started.token().key())).isEmpty();
  }

  @Test
  void resume_keepsASessionIdleForJustUnder30Minutes() {
    SessionStarted started = signInAsAda();
    clock.advance(Duration.ofMinutes(30).minusNanos(1));

    assertThat(service.resume(started.token())).isPresent();
  }

  @Test
  void resume_activityKeepsASessionAlive() {
    SessionStarted started = signInAsAda();

    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(service.resume(started.token())).as("after %d × 20 minutes", i + 1).isPresent();
    }
  }

  @Test
  void resume_endsASessionAfter12HoursHoweverActive() {
    SessionStarted started = signInAsAda();
    for (int i = 0; i < 47; i++) {
      clock.advance(Duration.ofMinutes(15));
      assertThat(service.resume(started.token())).isPresent();
    }

    clock.advance(Duration.ofMinutes(15));

    assertThat(service.resume(started.token())).isEmpty();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void resume_touchesTheLastSeenTimeAtMostOnceAMinute() {
    SessionStarted started = signInAsAda();
    var begun = clock.now();

    clock.advance(Duration.ofSeconds(59));
    service.resume(started.token());
    assertThat(sessions.find(started.token().key()).orElseThrow().lastSeenAt()).isEqualTo(begun);

    clock.advance(Duration.ofSeconds(1));
    service.resume(started.token());
    var touched = clock.now();
    assertThat(sessions.find(started.token().key()).orElseThrow().lastSeenAt()).isEqualTo(touched);

    clock.advance(Duration.ofSeconds(30));
    service.resume(started.token());
    assertThat(sessions.find(started.token().key()).orElseThrow().lastSeenAt()).isEqualTo(touched);
  }

  @Test
  void resume_theIdleTimeoutCountsFromTheLastTouch() {
    SessionStarted started = signInAsAda();
    clock.advance(Duration.ofMinutes(10));
    service.resume(started.token());

    clock.advance(Duration.ofMinutes(29));
    assertThat(service.resume(started.token())).isPresent();
  }

  @Test
  void resume_endsAHalfSignedInSessionAfter10Minutes() {
    enrolTotp(ada);
    SessionStarted started = signInAsAda();
    clock.advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(service.resume(started.token())).isPresent();

    clock.advance(Duration.ofSeconds(1));

    assertThat(service.resume(started.token())).isEmpty();
    assertThat(sessions.find(started.token().key())).isEmpty();
  }

  @Test
  void resume_doesNotKeepAHalfSignedInSessionAliveNorTouchIt() {
    settings.setForceTwoFactor(true);
    SessionStarted started = signInAsAda();
    var begun = clock.now();

    for (int i = 0; i < 9; i++) {
      clock.advance(Duration.ofMinutes(1));
      service.resume(started.token());
    }
    assertThat(sessions.find(started.token().key()).orElseThrow().lastSeenAt()).isEqualTo(begun);
    clock.advance(Duration.ofMinutes(1));

    assertThat(service.resume(started.token())).isEmpty();
  }

  @Test
  void resume_nothingForASessionDeletedServerSide() {
    SessionStarted started = signInAsAda();
    sessions.delete(started.token().key());

    assertThat(service.resume(started.token())).isEmpty();
  }

  @Test
  void resume_endsTheSessionOfAnOperatorWhoWasDeactivated() {
    SessionStarted started = signInAsAda();
    operators.update(ada.id(), OperatorChanges.active(false));

    assertThat(service.resume(started.token())).isEmpty();
    assertThat(sessions.find(started.token().key())).isEmpty();
  }

  @Test
  void resume_aReactivatedOperatorMustSignInAgain() {
    SessionStarted started = signInAsAda();
    operators.update(ada.id(), OperatorChanges.active(false));
    service.resume(started.token());
    operators.update(ada.id(), OperatorChanges.active(true));

    assertThat(service.resume(started.token())).isEmpty();
  }

  @Test
  void resume_writesNothingToTheAuditLog() {
    SessionStarted started = signInAsAda();
    int before = audit.all().size();
    clock.advance(Duration.ofMinutes(5));
    service.resume(started.token());
    clock.advance(Duration.ofHours(1));
    service.resume(started.token());

    assertThat(audit.all()).hasSize(before);
  }

  // --- signing out ----------------------------------------------------------------------------

  @Test
  void signOut_deletesTheSessionServerSide() {
    SessionStarted started = signInAsAda();

    service.signOut(started.token(), ADDRESS);

    assertThat(sessions.find(started.token().key())).isEmpty();
    assertThat(service.resume(started.token())).isEmpty();
  }

  @Test
  void signOut_isAuditedWithTheAddressItCameFrom() {
    SessionStarted started = signInAsAda();
    clock.advance(Duration.ofMinutes(3));

    service.signOut(started.token(), OTHER_ADDRESS);

    assertThat(audit.all().getLast())
        .isEqualTo(
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGNED_OUT,
                adaActor(OTHER_ADDRESS),
                ada.id().toString(),
                Map.of()));
  }

  @Test
  void signOut_endsOnlyThatSession() {
    SessionStarted first = signInAsAda();
    SessionStarted second = signInAsAda();

    service.signOut(first.token(), ADDRESS);

    assertThat(service.resume(second.token())).isPresent();
  }

  @Test
  void signOut_alsoEndsAHalfSignedInSession() {
    enrolTotp(ada);
    SessionStarted started = signInAsAda();

    service.signOut(started.token(), ADDRESS);

    assertThat(sessions.size()).isZero();
    assertThat(auditTypes()).endsWith(AuditEventType.SIGNED_OUT);
  }

  @Test
  void signOut_ofAnUnknownOrEndedSessionDoesNothing() {
    SessionStarted started = signInAsAda();
    service.signOut(started.token(), ADDRESS);
    int before = audit.all().size();

    service.signOut(started.token(), ADDRESS);
    service.signOut(SessionToken.random(), ADDRESS);

    assertThat(audit.all()).hasSize(before);
  }

  @Test
  void signOut_ofAnExpiredSessionRemovesItWithoutAuditingASignOut() {
    SessionStarted started = signInAsAda();
    clock.advance(Duration.ofHours(1));

    service.signOut(started.token(), ADDRESS);

    assertThat(sessions.size()).isZero();
    assertThat(auditTypes()).doesNotContain(AuditEventType.SIGNED_OUT);
  }
}
