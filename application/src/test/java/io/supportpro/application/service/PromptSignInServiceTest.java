package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.PromptCallbackCommand;
import io.supportpro.application.port.in.PromptCallbackResult;
import io.supportpro.application.port.in.PromptCallbackResult.Duplicate;
import io.supportpro.application.port.in.PromptCallbackResult.Reason;
import io.supportpro.application.port.in.PromptCallbackResult.Rejected;
import io.supportpro.application.port.in.PromptCallbackResult.SignedIn;
import io.supportpro.application.port.in.PromptCallbackResult.Throttled;
import io.supportpro.application.port.in.PromptStartResult;
import io.supportpro.application.port.in.PromptStartResult.Redirect;
import io.supportpro.application.port.in.PromptStartResult.Refused;
import io.supportpro.application.port.in.PromptStartResult.SessionEnded;
import io.supportpro.application.port.in.PromptStartResult.SignedInWithoutSecondFactor;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult.SessionStarted;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.FakeCodePlugin;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakePromptPlugin.Answer;
import io.supportpro.application.testing.FakePromptPlugin.Callback;
import io.supportpro.application.testing.FakePromptPlugin.Provider;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPendingSignIns;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.application.testing.InMemoryUnitOfWork;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.application.testing.Waits;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromptSignInServiceTest {
  private static final URI PANEL = URI.create("https://help.example.com");
  private static final URI CALLBACK = URI.create("https://help.example.com/login/callback");
  private static final String PASSWORD = "violet-Harbour-47-kettle";
  private static final String ADDRESS = "192.0.2.10";
  private static final String RETURN_TO = "/admin/audit?page=2";
  private static final String WRONG_SECRET = "ZYXWVUTSRQ9876543210zyxwvutsrq9876543210";
  private static final SecondFactor PROMPT = SecondFactor.prompt(FakePromptPlugin.ID);

  private final MutableClock clock = MutableClock.atStart();
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryFailedAttempts attempts = new InMemoryFailedAttempts();
  private final FakeSecretCipher cipher = new FakeSecretCipher();
  private final FakePromptPlugin prompt = new FakePromptPlugin();
  // What the database's foreign keys do: a pending sign-in lives only as long as its plugin is
  // installed and its session exists.
  private final InMemoryPendingSignIns pending =
      new InMemoryPendingSignIns(
          p -> plugins.state(p.plugin()).isInstalled() && sessions.find(p.session()).isPresent());
  private final InMemoryPluginCatalog catalog = new InMemoryPluginCatalog(List.of(prompt));
  private final SessionService sessionService = sessionService(catalog);
  private final PluginSettingsService settingsService =
      new PluginSettingsService(catalog, plugins, cipher, audit, clock);
  private final PromptSignInService service = service(catalog, sessionService);

  private final Operator root = administrator("root");
  private final Actor admin = actingAs(root);
  private final Operator ada = operator("ada");
  private final Operator grace = operator("grace");

  @BeforeEach
  void setUp() {
    for (Operator o : List.of(root, ada, grace)) {
      operators.add(o, hasher.hash(new Password(PASSWORD)));
    }
    plugins.transition(FakePromptPlugin.ID, PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.transition(FakePromptPlugin.ID, PluginState.INACTIVE, PluginState.ACTIVE);
    enableFor(FakePromptPlugin.ID, ada);
    enableFor(FakePromptPlugin.ID, grace);
    configure(Map.of());
  }

  // --- helpers

  private SessionService sessionService(InMemoryPluginCatalog plugged) {
    return new SessionService(
        operators,
        hasher,
        sessions,
        attempts,
        ThrottlePolicy.DEFAULT,
        new SecondFactorRequirement(
            plugged, plugins, new InMemoryTotpCredentials(), new InMemoryPanelSettings()),
        SessionTimeouts.DEFAULT,
        audit,
        new InMemoryUnitOfWork(),
        clock);
  }

  private PromptSignInService service(InMemoryPluginCatalog plugged, SessionService signIns) {
    return new PromptSignInService(
        signIns,
        sessions,
        plugged,
        plugins,
        pending,
        cipher,
        PANEL,
        attempts,
        ThrottlePolicy.DEFAULT,
        audit,
        clock);
  }

  private void enableFor(PluginId plugin, Operator operator) {
    plugins.setOperatorValueIfActive(
        plugin, operator.id(), PluginMethods.ENABLED_KEY, Optional.of(PluginMethods.ENABLED));
  }

  /** Saves the prompt's settings through the settings page, with the plugin's checks. */
  private void configure(Map<String, String> overrides) {
    Map<String, String> typed = FakePromptPlugin.typed();
    typed.putAll(overrides);
    SavePluginSettingsResult result =
        settingsService.save(new SavePluginSettingsCommand(admin, FakePromptPlugin.ID, typed));
    assertThat(result).isInstanceOf(SavePluginSettingsResult.Saved.class);
  }

  private void failOpen() {
    configure(Map.of(FakePromptPlugin.FAIL_MODE, "open"));
  }

  /** Replaces the saved settings as they are stored, past the settings page's checks. */
  private void saveDirectly(Map<String, SettingValue> values) {
    plugins.saveSettingsIfActive(FakePromptPlugin.ID, new PluginSettings(values));
  }

  /** The operator passed their password; the session now waits for the prompt. */
  private SessionToken passwordAccepted(Operator operator) {
    return passwordAccepted(operator, sessionService);
  }

  private SessionToken passwordAccepted(Operator operator, SessionService signIns) {
    var started =
        (SessionStarted)
            signIns.signIn(
                new SignInCommand(operator.username().value(), new Password(PASSWORD), ADDRESS));
    assertThat(started.session().stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR);
    assertThat(started.session().secondFactor().kind()).isEqualTo(SecondFactor.Kind.PROMPT);
    return started.token();
  }

  private PromptStartResult start(SessionToken token) {
    return service.start(token, ADDRESS, RETURN_TO);
  }

  private URI promptFor(SessionToken token) {
    PromptStartResult start = start(token);
    assertThat(start).isInstanceOf(Redirect.class);
    return ((Redirect) start).location();
  }

  /** Password accepted, sent to the prompt, approved there: what the browser brings back. */
  private Callback approvedCallback(SessionToken token) {
    return prompt.approve(promptFor(token));
  }

  private PromptCallbackResult complete(Optional<SessionToken> token, Callback callback) {
    return service.complete(
        new PromptCallbackCommand(token, callback.state(), callback.answer(), ADDRESS));
  }

  private PromptCallbackResult complete(SessionToken token, Callback callback) {
    return complete(Optional.of(token), callback);
  }

  private Rejected assertRejected(PromptCallbackResult result, Reason reason) {
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.message()).isNotBlank();
    return rejected;
  }

  private Refused assertRefused(PromptStartResult result, boolean unavailable) {
    assertThat(result).isInstanceOf(Refused.class);
    Refused refused = (Refused) result;
    assertThat(refused.unavailable()).isEqualTo(unavailable);
    assertThat(refused.message()).isNotBlank();
    return refused;
  }

  /** Nobody is signed in, half or fully, and none of the tokens works any more. */
  private void assertNoSession(SessionToken... tokens) {
    assertThat(sessions.size()).isZero();
    for (SessionToken token : tokens) {
      assertThat(sessionService.resume(token)).isEmpty();
    }
  }

  private List<AuditEvent> events(AuditEventType type) {
    return audit.all().stream().filter(e -> e.type() == type).toList();
  }

  private AuditEvent lastFailure() {
    List<AuditEvent> failures = events(AuditEventType.SECOND_FACTOR_FAILED);
    assertThat(failures).isNotEmpty();
    return failures.getLast();
  }

  private void assertFailureAudited(Reason reason) {
    assertThat(lastFailure().details())
        .containsEntry("factor", FakePromptPlugin.ID.value())
        .hasEntrySatisfying(
            "reason", text -> assertThat(text).startsWith(reason.name().toLowerCase(Locale.ROOT)));
  }

  // --- the journey

  @Test
  void journey_startRedirectCallbackSignsInUnderANewToken() {
    SessionToken token = passwordAccepted(ada);

    URI location = promptFor(token);
    assertThat(location.getHost()).isEqualTo(FakePromptPlugin.HOST);
    PromptCallbackResult result = complete(token, prompt.approve(location));

    assertThat(result).isInstanceOf(SignedIn.class);
    SignedIn signedIn = (SignedIn) result;
    assertThat(signedIn.token()).isNotEqualTo(token);
    assertThat(signedIn.session().signedIn()).isTrue();
    assertThat(signedIn.session().operator()).isEqualTo(ada.id());
    assertThat(signedIn.returnTo()).isEqualTo(RETURN_TO);
    assertThat(sessionService.resume(token)).as("the half-signed-in token").isEmpty();
    assertThat(sessionService.resume(signedIn.token()).orElseThrow().session().signedIn()).isTrue();
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(pending.size()).isZero();
  }

  @Test
  void journey_isAuditedAsASignInWithWhatTheMethodReports() {
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    AuditEvent event = audit.all().getLast();
    assertThat(event.type()).isEqualTo(AuditEventType.SIGN_IN_SUCCEEDED);
    assertThat(event.details())
        .containsEntry("second_factor", FakePromptPlugin.ID.value())
        .containsKey("transaction");
    assertThat(event.subject()).isEqualTo(ada.id().toString());
    assertThat(event.actor().operator()).contains(ada.id());
    assertThat(event.actor().clientAddress()).isEqualTo(ADDRESS);
    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).isEmpty();
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void journey_theMethodGetsTheSavedSettingsDecryptedAndTheCallbackAddress() {
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    FakePromptPlugin.Start started = prompt.starts().getFirst();
    FakePromptPlugin.Complete completed = prompt.completes().getFirst();
    for (PluginSettings settings : List.of(started.settings(), completed.settings())) {
      assertThat(settings.get(FakePromptPlugin.CLIENT_SECRET))
          .contains(new SettingValue(FakePromptPlugin.SECRET, true));
      assertThat(settings.get(FakePromptPlugin.CLIENT_ID))
          .contains(new SettingValue(FakePromptPlugin.CLIENT, false));
    }
    assertThat(started.callbackUri()).isEqualTo(CALLBACK);
    assertThat(completed.callbackUri()).isEqualTo(CALLBACK);
    assertThat(started.operator()).isEqualTo(ada);
  }

  @Test
  void journey_theMethodVerifiesTheAnswerForTheSubjectItsPromptNamed() {
    var started =
        (SessionStarted)
            sessionService.signIn(new SignInCommand("  ADA ", new Password(PASSWORD), ADDRESS));

    assertThat(complete(started.token(), approvedCallback(started.token())))
        .isInstanceOf(SignedIn.class);

    assertThat(prompt.starts())
        .singleElement()
        .satisfies(s -> assertThat(s.operator()).isEqualTo(ada));
    assertThat(prompt.completes())
        .singleElement()
        .satisfies(c -> assertThat(c.subject()).isEqualTo("ada"));
  }

  @Test
  void journey_theMethodGetsTheAnswerWithoutTheState() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    complete(token, callback);

    assertThat(prompt.completes().getFirst().answer()).isEqualTo(callback.answer());
  }

  @Test
  void journey_aPluginsOwnCallbackPathIsTheAddressItsPromptSendsBackTo() {
    prompt.sendBackTo("/example/callback");
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    assertThat(prompt.starts().getFirst().callbackUri())
        .isEqualTo(URI.create("https://help.example.com/example/callback"));
    assertThat(prompt.completes().getFirst().callbackUri())
        .isEqualTo(URI.create("https://help.example.com/example/callback"));
  }

  @Test
  void journey_eachSignInGetsItsOwnState() {
    SessionToken first = passwordAccepted(ada);
    SessionToken second = passwordAccepted(grace);

    Callback forAda = approvedCallback(first);
    Callback forGrace = approvedCallback(second);

    assertThat(forAda.state()).isNotEqualTo(forGrace.state()).matches("[A-Za-z0-9_-]{22,128}");
    assertThat(complete(first, forAda)).isInstanceOf(SignedIn.class);
    assertThat(complete(second, forGrace)).isInstanceOf(SignedIn.class);
  }

  @Test
  void journey_keepsOnlyAHashOfTheStateServerSide() {
    SessionToken token = passwordAccepted(ada);
    URI location = promptFor(token);

    assertThat(pending.size()).isEqualTo(1);
    Callback callback = prompt.approve(location);
    assertThat(pending.take(callback.state())).as("looked up by the state itself").isEmpty();
  }

  @Test
  void journey_eachOperatorGoesThroughThePromptOfThePluginEnabledForThem() {
    var other = new FakePromptPlugin(new PluginId("other-prompt"), "Other prompt");
    var both = new InMemoryPluginCatalog(List.of(prompt, other));
    SessionService signIns = sessionService(both);
    PromptSignInService prompts = service(both, signIns);
    plugins.transition(other.descriptor().id(), PluginState.AVAILABLE, PluginState.ACTIVE);
    plugins.saveSettingsIfActive(other.descriptor().id(), FakePromptPlugin.saved(cipher));
    plugins.setOperatorValueIfActive(
        FakePromptPlugin.ID, grace.id(), PluginMethods.ENABLED_KEY, Optional.empty());
    enableFor(other.descriptor().id(), grace);
    SessionToken token = passwordAccepted(grace, signIns);

    var redirect = (Redirect) prompts.start(token, ADDRESS, RETURN_TO);
    Callback callback = other.approve(redirect.location());
    PromptCallbackResult result =
        prompts.complete(
            new PromptCallbackCommand(
                Optional.of(token), callback.state(), callback.answer(), ADDRESS));

    assertThat(result).isInstanceOf(SignedIn.class);
    assertThat(prompt.starts()).isEmpty();
    assertThat(other.completes()).hasSize(1);
    assertThat(audit.all().getLast().details())
        .containsEntry("second_factor", other.descriptor().id().value());
  }

  // --- the addresses prompts send browsers back to

  @Test
  void callbackPaths_areTheSharedOneAndThoseThatPromptPluginsKeep_activeOrNot() {
    var other = new FakePromptPlugin(new PluginId("other-prompt"), "Other prompt");
    other.sendBackTo("/other/callback");
    var all = new InMemoryPluginCatalog(List.of(prompt, other, new FakeCodePlugin()));

    assertThat(service(all, sessionService).callbackPaths())
        .containsExactly("/login/callback", "/other/callback");
    assertThat(service.callbackPaths()).containsExactly(PromptMethod.CALLBACK_PATH);
  }

  // --- start: nothing to start

  @Test
  void start_answersSessionEndedForAnUnknownToken() {
    assertThat(start(SessionToken.random())).isEqualTo(new SessionEnded());
    assertThat(prompt.starts()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TOTP", "TOTP_ENROLMENT", "CODE:example-code"})
  void start_answersSessionEndedForASessionWaitingForAnotherStep(String factor) {
    SessionToken token = SessionToken.random();
    sessions.create(Session.begin(token, root.id(), SecondFactor.parse(factor), clock.now()));

    assertThat(start(token)).isEqualTo(new SessionEnded());
    assertThat(prompt.starts()).isEmpty();
    assertThat(pending.size()).isZero();
    assertThat(sessionService.resume(token)).isPresent();
  }

  @Test
  void start_answersSessionEndedForASignedInSessionAndLeavesItSignedIn() {
    SessionToken token = passwordAccepted(ada);
    SignedIn signedIn = (SignedIn) complete(token, approvedCallback(token));
    int starts = prompt.starts().size();

    assertThat(start(signedIn.token())).isEqualTo(new SessionEnded());
    assertThat(prompt.starts()).hasSize(starts);
    assertThat(sessionService.resume(signedIn.token())).isPresent();
  }

  @Test
  void start_answersSessionEndedWhenTheSecondFactorTookTooLong() {
    SessionToken token = passwordAccepted(ada);
    clock.advance(SessionTimeouts.DEFAULT.partial());

    assertThat(start(token)).isEqualTo(new SessionEnded());
    assertNoSession(token);
  }

  @Test
  void start_answersSessionEndedWhenTheOperatorWasDeactivated() {
    SessionToken token = passwordAccepted(ada);
    operators.update(ada.id(), OperatorChanges.active(false));

    assertThat(start(token)).isEqualTo(new SessionEnded());
    assertNoSession(token);
  }

  // --- start: refused

  @Test
  void start_isRefusedAndEndsTheSessionWhenTheMethodRefusesItsSettings() {
    SessionToken token = passwordAccepted(ada);
    saveDirectly(
        Map.of(FakePromptPlugin.CLIENT_ID, new SettingValue(FakePromptPlugin.CLIENT, false)));

    Refused refused = assertRefused(start(token), false);

    assertThat(refused.message()).isEqualTo(FakePromptPlugin.NOT_CONFIGURED);
    assertNoSession(token);
    assertThat(pending.size()).isZero();
    assertThat(lastFailure().details())
        .containsEntry("factor", FakePromptPlugin.ID.value())
        .hasEntrySatisfying("reason", reason -> assertThat(reason).contains("not_configured"));
    assertThat(lastFailure().subject()).isEqualTo(ada.id().toString());
    assertThat(lastFailure().actor()).isEqualTo(Actor.operator(ada.id(), "ada", ADDRESS));
  }

  @Test
  void start_isRefusedWhenTheMethodRefusesEvenWhenFailingOpenAndTheProviderIsDown() {
    SessionToken token = passwordAccepted(ada);
    saveDirectly(
        Map.of(
            FakePromptPlugin.FAIL_MODE, new SettingValue("open", false),
            FakePromptPlugin.CLIENT_ID, new SettingValue(FakePromptPlugin.CLIENT, false),
            FakePromptPlugin.PROMPT_HOST, new SettingValue(FakePromptPlugin.HOST, false)));
    prompt.provider(Provider.DOWN);

    assertRefused(start(token), false);

    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).hasSize(1);
  }

  @Test
  void start_isRefusedWhenNothingIsConfiguredAnyMore() {
    SessionToken token = passwordAccepted(ada);
    saveDirectly(Map.of());

    assertRefused(start(token), false);
    assertNoSession(token);
  }

  @Test
  void start_isRefusedWhenTheProviderRejectsTheSavedCredentials() {
    configure(Map.of(FakePromptPlugin.CLIENT_SECRET, WRONG_SECRET));
    SessionToken token = passwordAccepted(ada);

    Refused refused = assertRefused(start(token), false);

    assertThat(refused.message()).isEqualTo(FakePromptPlugin.CREDENTIALS_REJECTED);
    assertNoSession(token);
    assertThat(lastFailure().details().get("reason"))
        .contains("credentials_rejected")
        .contains("unknown client");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void start_isRefusedWhenTheSavedSecretCannotBeDecrypted(boolean failingOpen) {
    if (failingOpen) {
      failOpen();
    }
    Map<String, SettingValue> values =
        new HashMap<>(plugins.settings(FakePromptPlugin.ID).values());
    values.put(FakePromptPlugin.CLIENT_SECRET, new SettingValue("fake:00112233445566778899", true));
    saveDirectly(values);
    SessionToken token = passwordAccepted(ada);

    assertRefused(start(token), false);

    assertNoSession(token);
    assertThat(prompt.starts()).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(lastFailure().details().get("reason")).contains("unreadable");
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void start_isRefusedWhenThePluginWasTurnedOffAfterThePassword(PluginState state) {
    SessionToken token = passwordAccepted(ada);
    plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, state);

    assertRefused(start(token), false);

    assertNoSession(token);
    assertThat(prompt.starts()).isEmpty();
    assertThat(pending.size()).isZero();
    assertThat(lastFailure().details()).containsEntry("factor", FakePromptPlugin.ID.value());
  }

  @Test
  void start_isRefusedWhenThePluginWasDeactivatedAfterThePasswordEvenWhenFailingOpen() {
    failOpen();
    prompt.provider(Provider.DOWN);
    SessionToken token = passwordAccepted(ada);
    plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    assertRefused(start(token), false);

    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void start_isRefusedWhenThePluginIsUninstalledWhileThePromptIsPrepared() {
    SessionToken token = passwordAccepted(ada);
    prompt.duringStart(
        () -> plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.AVAILABLE));

    assertRefused(start(token), false);

    assertNoSession(token);
    assertThat(pending.size()).isZero();
    assertThat(lastFailure().details()).containsEntry("factor", FakePromptPlugin.ID.value());
  }

  @Test
  void start_isRefusedWhenTheSessionEndsWhileThePromptIsPrepared() {
    SessionToken token = passwordAccepted(ada);
    prompt.duringStart(() -> sessionService.signOut(token, ADDRESS));

    assertRefused(start(token), false);

    assertNoSession(token);
    assertThat(pending.size()).isZero();
  }

  // --- start: fail-open applies only before the redirect, and only when the method says so

  @Test
  void failClosed_refusesWhenTheProviderIsDown() {
    prompt.provider(Provider.DOWN);
    SessionToken token = passwordAccepted(ada);

    Refused refused = assertRefused(start(token), true);

    assertThat(refused.message()).isEqualTo(FakePromptPlugin.UNAVAILABLE);
    assertNoSession(token);
    assertThat(pending.size()).isZero();
    assertThat(lastFailure().subject()).isEqualTo(ada.id().toString());
    assertThat(lastFailure().details().get("reason"))
        .contains("unavailable")
        .contains("unreachable")
        .contains("no answer from " + FakePromptPlugin.HOST);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void failOpen_signsInWithoutTheSecondFactorWhenTheProviderIsDown() {
    failOpen();
    prompt.provider(Provider.DOWN);
    SessionToken token = passwordAccepted(ada);

    PromptStartResult result = start(token);

    assertThat(result).isInstanceOf(SignedInWithoutSecondFactor.class);
    var signedIn = (SignedInWithoutSecondFactor) result;
    assertThat(signedIn.token()).isNotEqualTo(token);
    assertThat(signedIn.session().signedIn()).isTrue();
    assertThat(signedIn.session().key()).isEqualTo(signedIn.token().key());
    assertThat(sessionService.resume(token)).isEmpty();
    assertThat(sessionService.resume(signedIn.token())).isPresent();
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(pending.size()).isZero();
  }

  @Test
  void failOpen_auditsTheSkippedSecondFactorWithTheFailure() {
    failOpen();
    prompt.provider(Provider.DOWN);
    SessionToken token = passwordAccepted(ada);

    start(token);

    AuditEvent skipped = events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN).getLast();
    assertThat(skipped.subject()).isEqualTo(ada.id().toString());
    assertThat(skipped.actor()).isEqualTo(Actor.operator(ada.id(), "ada", ADDRESS));
    assertThat(skipped.details())
        .containsEntry("factor", FakePromptPlugin.ID.value())
        .containsEntry("failure", "unreachable")
        .containsEntry("detail", "no answer from " + FakePromptPlugin.HOST);
    AuditEvent succeeded = audit.all().getLast();
    assertThat(succeeded.type()).isEqualTo(AuditEventType.SIGN_IN_SUCCEEDED);
    assertThat(succeeded.details())
        .containsEntry("second_factor", "none: example-prompt unavailable, fail open");
  }

  @Test
  void failOpen_doesNotSkipTheSecondFactorWhileTheProviderIsUp() {
    failOpen();
    SessionToken token = passwordAccepted(ada);

    assertThat(start(token)).isInstanceOf(Redirect.class);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void failOpen_stillRefusesAnUnavailabilityTheMethodDoesNotExcuse() {
    failOpen();
    prompt.provider(Provider.TURNING_AWAY);
    SessionToken token = passwordAccepted(ada);

    Refused refused = assertRefused(start(token), true);

    assertThat(refused.message()).isEqualTo(FakePromptPlugin.TURNED_AWAY);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(lastFailure().details().get("reason")).contains("rate_limited");
  }

  @Test
  void failOpen_stillRefusesWhenTheProviderRejectsTheSavedCredentials() {
    configure(
        Map.of(FakePromptPlugin.FAIL_MODE, "open", FakePromptPlugin.CLIENT_SECRET, WRONG_SECRET));
    SessionToken token = passwordAccepted(ada);

    assertRefused(start(token), false);

    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  // --- the callback: fail-open never applies after the redirect

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void callback_isRejectedWhenTheProviderIsUnavailableWhileTheAnswerIsVerified(boolean open) {
    if (open) {
      failOpen();
    }
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    prompt.answer(Answer.UNAVAILABLE);

    Rejected rejected = assertRejected(complete(token, callback), Reason.UNAVAILABLE);

    assertThat(rejected.message()).isEqualTo(FakePromptPlugin.UNAVAILABLE);
    assertThat(rejected.endedSignIn()).isTrue();
    assertNoSession(token);
    assertFailureAudited(Reason.UNAVAILABLE);
    assertThat(lastFailure().details().get("reason"))
        .isEqualTo("unavailable: unreachable: no answer while verifying");
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void callback_isRejectedWhenTheProviderRejectsTheCredentialsEvenWhenFailingOpen() {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    configure(
        Map.of(FakePromptPlugin.FAIL_MODE, "open", FakePromptPlugin.CLIENT_SECRET, WRONG_SECRET));

    Rejected rejected = assertRejected(complete(token, callback), Reason.REFUSED);

    assertThat(rejected.message()).isEqualTo(FakePromptPlugin.CREDENTIALS_REJECTED);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  // --- the callback: the method's answer

  @Test
  void callback_rejectsAnErrorSentBackByThePrompt() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = prompt.decline(promptFor(token));

    Rejected rejected = assertRejected(complete(token, callback), Reason.REFUSED);

    assertThat(rejected.message())
        .isEqualTo(FakePromptPlugin.PROMPT_ERROR)
        .doesNotContain("access_denied");
    assertNoSession(token);
    assertFailureAudited(Reason.REFUSED);
    assertThat(lastFailure().details().get("reason"))
        .isEqualTo("refused: prompt_error: access_denied: The user declined.");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void callback_rejectsAnErrorEvenWhenACodeCameWithIt(boolean open) {
    if (open) {
      failOpen();
    }
    SessionToken token = passwordAccepted(ada);
    Callback callback =
        approvedCallback(token)
            .with("error", "server_error")
            .with("error_description", "<script>alert(1)</script>");

    Rejected rejected = assertRejected(complete(token, callback), Reason.REFUSED);

    assertThat(rejected.message()).doesNotContain("<script>");
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void callback_rejectsASignInTheProviderDenied() {
    prompt.answer(Answer.DENY);
    SessionToken token = passwordAccepted(ada);

    Rejected rejected = assertRejected(complete(token, approvedCallback(token)), Reason.REFUSED);

    assertThat(rejected.message()).isEqualTo(FakePromptPlugin.DENIED);
    assertNoSession(token);
    assertThat(lastFailure().details().get("reason")).startsWith("refused: denied");
  }

  @Test
  void callback_rejectsAnAnswerForAnotherUser() {
    prompt.answer(Answer.OTHER_USER);
    SessionToken token = passwordAccepted(ada);

    assertRejected(complete(token, approvedCallback(token)), Reason.REFUSED);

    assertNoSession(token);
    assertThat(lastFailure().details().get("reason"))
        .startsWith("refused: wrong_user")
        .contains("someone-else");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void callback_rejectsAnAnswerThatDoesNotVerify(boolean open) {
    if (open) {
      failOpen();
    }
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    PromptCallbackResult result = complete(token, callback.with("code", "tampered"));

    Rejected rejected = assertRejected(result, Reason.REFUSED);
    assertThat(rejected.message()).isEqualTo(FakePromptPlugin.NOT_VERIFIED);
    assertNoSession(token);
    assertFailureAudited(Reason.REFUSED);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void callback_rejectsAnAnswerWithoutACode() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    assertRejected(complete(token, new Callback(callback.state(), Map.of())), Reason.REFUSED);
    assertNoSession(token);
  }

  @Test
  void callback_auditsEachRejectionOnceWithTheOperatorAndAddress() {
    prompt.answer(Answer.DENY);
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).hasSize(1);
    AuditEvent failure = lastFailure();
    assertThat(failure.actor().operator()).contains(ada.id());
    assertThat(failure.actor().clientAddress()).isEqualTo(ADDRESS);
    assertThat(failure.subject()).isEqualTo(ada.id().toString());
  }

  @Test
  void neverWritesTheClientSecretIntoTheAuditLog() {
    failOpen();
    SessionToken first = passwordAccepted(ada);
    complete(first, approvedCallback(first));
    prompt.answer(Answer.DENY);
    SessionToken second = passwordAccepted(ada);
    complete(second, approvedCallback(second));
    prompt.provider(Provider.DOWN);
    start(passwordAccepted(ada));

    assertThat(audit.all())
        .allSatisfy(event -> assertThat(event.toString()).doesNotContain(FakePromptPlugin.SECRET));
  }

  // --- the callback: state

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "short",
        "../../../../etc/passwd",
        "<script>alert(1)</script>aaaaaaaaaaaa",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaa' OR '1'='1",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u00e9",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u0000"
      })
  void callback_rejectsAMissingOrMalformedState(String state) {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    PromptCallbackResult result = complete(token, callback.withState(state));

    assertThat(assertRejected(result, Reason.UNKNOWN_STATE).endedSignIn()).isTrue();
    assertNoSession(token);
    assertThat(lastFailure().details())
        .containsEntry("factor", "prompt")
        .containsEntry("reason", "unknown_state");
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_rejectsAStateLongerThanAnyIssued() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    assertRejected(complete(token, callback.withState("a".repeat(129))), Reason.UNKNOWN_STATE);
    assertNoSession(token);
  }

  @Test
  void callback_rejectsAnUnknownState() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    PromptCallbackResult result = complete(token, callback.withState(SessionToken.randomText()));

    assertRejected(result, Reason.UNKNOWN_STATE);
    assertNoSession(token);
    assertThat(prompt.completes()).isEmpty();
  }

  /** A callback with a state nobody issued, from a browser without a session. */
  private PromptCallbackResult junkCallback() {
    return complete(Optional.empty(), new Callback(SessionToken.randomText(), Map.of("code", "x")));
  }

  private List<RecordedAuditEvent> entries(AuditEventType type) {
    return audit.entries().stream().filter(e -> e.event().type() == type).toList();
  }

  @Test
  void callback_unknownStatesFromOneAddressAreThrottledAndCountedInTwoEntries() {
    int before = audit.entries().size();
    List<PromptCallbackResult> results = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      results.add(junkCallback());
    }

    assertThat(results.subList(0, 20))
        .allSatisfy(
            r -> assertThat(assertRejected(r, Reason.UNKNOWN_STATE).endedSignIn()).isFalse());
    assertThat(results.subList(20, 500)).containsOnly(new Throttled(Duration.ofSeconds(30), false));
    assertThat(audit.entries()).hasSize(before + 2);
    assertThat(entries(AuditEventType.SECOND_FACTOR_FAILED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.occurrences()).isEqualTo(20);
              assertThat(e.event().details())
                  .containsEntry("factor", "prompt")
                  .containsEntry("reason", "unknown_state");
              assertThat(e.event().actor()).isEqualTo(Actor.anonymous("", ADDRESS));
            });
    assertThat(entries(AuditEventType.SECOND_FACTOR_THROTTLED))
        .singleElement()
        .satisfies(e -> assertThat(e.occurrences()).isEqualTo(480));
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_malformedStatesCountLikeUnknownOnes() {
    for (int i = 0; i < 20; i++) {
      complete(Optional.empty(), new Callback("short", Map.of("code", "x")));
    }

    assertThat(complete(Optional.empty(), new Callback("", Map.of())))
        .isInstanceOf(Throttled.class);
  }

  @Test
  void callback_onceTheLockEndsUnknownStatesAreCheckedAgainAndCountedInTheSameEntry() {
    for (int i = 0; i < 21; i++) {
      junkCallback();
    }
    clock.advance(Duration.ofSeconds(31));

    assertRejected(junkCallback(), Reason.UNKNOWN_STATE);
    assertThat(junkCallback()).isEqualTo(new Throttled(Duration.ofSeconds(60), false));
    assertThat(entries(AuditEventType.SECOND_FACTOR_FAILED))
        .singleElement()
        .satisfies(e -> assertThat(e.occurrences()).isEqualTo(21));
  }

  @Test
  void callback_aWaitingStateStillCompletesWhileItsAddressIsThrottled() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    for (int i = 0; i < 30; i++) {
      junkCallback();
    }
    assertThat(junkCallback()).isInstanceOf(Throttled.class);

    assertThat(complete(token, callback)).isInstanceOf(SignedIn.class);
  }

  @Test
  void callback_aThrottledCallbackEndsTheSignInWaitingInItsBrowser() {
    SessionToken token = passwordAccepted(ada);
    approvedCallback(token);
    for (int i = 0; i < 20; i++) {
      junkCallback();
    }

    assertThat(complete(token, new Callback(SessionToken.randomText(), Map.of("code", "x"))))
        .isEqualTo(new Throttled(Duration.ofSeconds(30), true));
    assertNoSession(token);
  }

  @Test
  void callback_anUnknownStateLeavesASignedInSessionAlone() {
    SessionToken token = passwordAccepted(ada);
    SignedIn signedIn = (SignedIn) complete(token, approvedCallback(token));

    Rejected rejected =
        assertRejected(
            complete(signedIn.token(), new Callback(SessionToken.randomText(), Map.of())),
            Reason.UNKNOWN_STATE);

    assertThat(rejected.endedSignIn()).isFalse();
    assertThat(sessionService.resume(signedIn.token())).isPresent();
  }

  @Test
  void callback_rejectsAStateUsedASecondTime() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    SignedIn signedIn = (SignedIn) complete(token, callback);

    PromptCallbackResult replay = complete(token, callback);

    assertRejected(replay, Reason.UNKNOWN_STATE);
    assertThat(sessionService.resume(token)).isEmpty();
    assertThat(sessions.size()).as("only the first use signed in").isEqualTo(1);
    assertThat(sessionService.resume(signedIn.token())).isPresent();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
    assertThat(prompt.completes()).hasSize(1);
  }

  @Test
  void callback_rejectsAStateReplayedFromAnotherBrowserWithoutSigningItIn() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    complete(token, callback);
    SessionToken attacker = passwordAccepted(grace);

    assertRejected(complete(attacker, callback), Reason.UNKNOWN_STATE);
    assertThat(sessionService.resume(attacker)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
  }

  @Test
  void callback_rejectsAStateUsedAgainAfterARejection() {
    prompt.answer(Answer.DENY);
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    assertRejected(complete(token, callback), Reason.REFUSED);
    prompt.answer(Answer.ALLOW);

    assertRejected(complete(token, callback), Reason.UNKNOWN_STATE);
    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  // --- the callback: five minutes

  @Test
  void callback_rejectsAPendingSignInOlderThanFiveMinutes() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    clock.advance(PromptSignInService.STATE_LIFETIME.plusSeconds(1));

    Rejected rejected = assertRejected(complete(token, callback), Reason.EXPIRED);

    assertThat(rejected.message()).contains("five minutes");
    assertNoSession(token);
    assertFailureAudited(Reason.EXPIRED);
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_rejectsAPendingSignInOfExactlyFiveMinutes() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    clock.advance(Duration.ofMinutes(5));

    assertRejected(complete(token, callback), Reason.EXPIRED);
    assertNoSession(token);
  }

  @Test
  void callback_acceptsAPendingSignInJustUnderFiveMinutesOld() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));

    assertThat(complete(token, callback)).isInstanceOf(SignedIn.class);
  }

  @Test
  void callback_countsTheFiveMinutesFromTheRedirectNotFromThePassword() {
    SessionToken token = passwordAccepted(ada);
    clock.advance(Duration.ofMinutes(4));
    Callback callback = approvedCallback(token);
    clock.advance(Duration.ofMinutes(4));

    assertThat(complete(token, callback)).isInstanceOf(SignedIn.class);
  }

  // --- the callback: the same callback twice

  /**
   * The first arrival of the callback stops in the method's verification until {@code meanwhile}
   * has run; returns what the first arrival answered.
   */
  private PromptCallbackResult completeWhile(
      SessionToken token, Callback callback, Runnable meanwhile) throws Exception {
    var verifying = new CountDownLatch(1);
    var resume = new CountDownLatch(1);
    prompt.duringComplete(
        () -> {
          verifying.countDown();
          Waits.until(resume);
        });
    try (ExecutorService first = Executors.newSingleThreadExecutor()) {
      Future<PromptCallbackResult> firstArrival = first.submit(() -> complete(token, callback));
      Waits.until(verifying);
      meanwhile.run();
      resume.countDown();
      return firstArrival.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void callback_aDuplicateFromTheSameBrowserDoesNotEndTheSignInTheFirstIsCompleting()
      throws Exception {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    List<PromptCallbackResult> duplicates = new ArrayList<>();

    PromptCallbackResult first =
        completeWhile(token, callback, () -> duplicates.add(complete(token, callback)));

    assertThat(duplicates).containsExactly(new Duplicate(RETURN_TO));
    assertThat(first).isInstanceOf(SignedIn.class);
    assertThat(sessionService.resume(((SignedIn) first).token())).isPresent();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).isEmpty();
    assertThat(prompt.completes()).hasSize(1);
  }

  @Test
  void callback_aDuplicateFromAnotherBrowserIsRefusedAndLeavesTheOwnerAlone() throws Exception {
    SessionToken owner = passwordAccepted(ada);
    Callback callback = approvedCallback(owner);
    SessionToken other = passwordAccepted(grace);
    List<PromptCallbackResult> duplicates = new ArrayList<>();

    PromptCallbackResult first =
        completeWhile(owner, callback, () -> duplicates.add(complete(other, callback)));

    assertThat(duplicates).hasSize(1);
    assertThat(assertRejected(duplicates.getFirst(), Reason.OTHER_BROWSER).endedSignIn()).isTrue();
    assertThat(sessionService.resume(other)).as("the other browser's own sign-in").isEmpty();
    assertThat(first).isInstanceOf(SignedIn.class);
    assertThat(sessionService.resume(((SignedIn) first).token())).isPresent();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
    assertThat(prompt.completes()).hasSize(1);
  }

  @Test
  void callback_aDuplicateWithoutACookieIsRefusedAndLeavesTheOwnerAlone() throws Exception {
    SessionToken owner = passwordAccepted(ada);
    Callback callback = approvedCallback(owner);
    List<PromptCallbackResult> duplicates = new ArrayList<>();

    PromptCallbackResult first =
        completeWhile(owner, callback, () -> duplicates.add(complete(Optional.empty(), callback)));

    assertThat(assertRejected(duplicates.getFirst(), Reason.OTHER_BROWSER).endedSignIn()).isFalse();
    assertThat(first).isInstanceOf(SignedIn.class);
  }

  @Test
  void callback_aDuplicateArrivingAfterTheFirstCompleted_isRefusedWithoutEndingAnySignIn() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    SignedIn first = (SignedIn) complete(token, callback);

    // The repeat still carries the old cookie, whose session the first arrival replaced; the
    // browser may already hold the new cookie, which the refusal must leave alone.
    Rejected late = assertRejected(complete(token, callback), Reason.UNKNOWN_STATE);

    assertThat(late.endedSignIn()).isFalse();
    assertThat(sessionService.resume(first.token())).isPresent();
  }

  @Test
  void callback_anUnknownStateFromAWaitingBrowser_endsItsSignIn() {
    SessionToken token = passwordAccepted(ada);
    approvedCallback(token);

    Rejected rejected =
        assertRejected(
            complete(token, new Callback("x".repeat(43), Map.of("code", "code"))),
            Reason.UNKNOWN_STATE);

    assertThat(rejected.endedSignIn()).isTrue();
    assertNoSession(token);
  }

  @Test
  void callback_ofManyArrivalsOfOneCallbackAtOnceFromItsBrowser_oneSignsIn() throws Exception {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    List<PromptCallbackResult> results =
        AtOnce.run(
            IntStream.range(0, 8)
                .<Callable<PromptCallbackResult>>mapToObj(i -> () -> complete(token, callback))
                .toList());

    // Later arrivals are sent on while the first completes, and refused once it has, without
    // ending the session it made.
    assertThat(results).filteredOn(SignedIn.class::isInstance).hasSize(1);
    assertThat(results)
        .filteredOn(result -> !(result instanceof SignedIn))
        .allSatisfy(
            result -> {
              if (!(result instanceof Duplicate)) {
                assertThat(assertRejected(result, Reason.UNKNOWN_STATE).endedSignIn()).isFalse();
              }
            });
    assertThat(prompt.completes()).hasSize(1);
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
  }

  @Test
  void callback_ofOneCallbackFromItsBrowserAndAnotherAtOnce_onlyItsBrowserCanSignIn()
      throws Exception {
    // Whichever takes the state first, the other browser never signs in and loses its own
    // waiting session; the owner signs in only when its arrival took the state.
    for (int round = 0; round < 10; round++) {
      SessionToken owner = passwordAccepted(ada);
      Callback callback = approvedCallback(owner);
      SessionToken attacker = passwordAccepted(grace);

      List<PromptCallbackResult> results =
          AtOnce.run(List.of(() -> complete(owner, callback), () -> complete(attacker, callback)));

      assertThat(results.getLast()).isInstanceOf(Rejected.class);
      assertThat(sessionService.resume(attacker)).isEmpty();
      if (results.getFirst() instanceof SignedIn signedIn) {
        assertThat(signedIn.session().operator()).isEqualTo(ada.id());
        sessionService.signOut(signedIn.token(), ADDRESS);
      } else {
        assertThat(sessionService.resume(owner)).as("ended by the other browser").isEmpty();
      }
    }
    assertThat(sessions.size()).isZero();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED))
        .allSatisfy(e -> assertThat(e.subject()).isEqualTo(ada.id().toString()));
  }

  // --- the callback: another browser

  @Test
  void callback_rejectsAStateBroughtBackWithoutTheSessionCookie() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    PromptCallbackResult result = complete(Optional.empty(), callback);

    assertThat(assertRejected(result, Reason.OTHER_BROWSER).endedSignIn()).isFalse();
    assertNoSession(token);
    assertFailureAudited(Reason.OTHER_BROWSER);
    assertThat(lastFailure().actor().operator()).contains(ada.id());
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_rejectsAStateBroughtBackByAnotherSessionAndEndsBoth() {
    SessionToken victim = passwordAccepted(ada);
    Callback callback = approvedCallback(victim);
    SessionToken other = passwordAccepted(grace);

    PromptCallbackResult result = complete(other, callback);

    assertThat(assertRejected(result, Reason.OTHER_BROWSER).endedSignIn()).isTrue();
    assertNoSession(victim, other);
    assertFailureAudited(Reason.OTHER_BROWSER);
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_rejectsAStateBroughtBackByAnotherSessionOfTheSameOperator() {
    SessionToken first = passwordAccepted(ada);
    Callback callback = approvedCallback(first);
    SessionToken second = passwordAccepted(ada);

    assertRejected(complete(second, callback), Reason.OTHER_BROWSER);
    assertThat(sessionService.resume(first)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void callback_rejectsAStateBroughtBackWithAnUnknownSessionCookie() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    assertRejected(complete(SessionToken.random(), callback), Reason.OTHER_BROWSER);
    assertNoSession(token);
  }

  @Test
  void callback_leavesAFullySignedInSessionOfAnotherBrowserAlone() {
    SessionToken victim = passwordAccepted(ada);
    Callback callback = approvedCallback(victim);
    SessionToken graces = passwordAccepted(grace);
    SignedIn signedIn = (SignedIn) complete(graces, approvedCallback(graces));

    Rejected rejected = assertRejected(complete(signedIn.token(), callback), Reason.OTHER_BROWSER);

    assertThat(rejected.endedSignIn()).isFalse();
    assertThat(sessionService.resume(signedIn.token())).isPresent();
    assertThat(sessionService.resume(victim)).isEmpty();
  }

  // --- the callback: the session and the plugin meanwhile

  @Test
  void callback_rejectsWhenTheOperatorWasDeactivatedMeanwhile() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    operators.update(ada.id(), OperatorChanges.active(false));

    assertRejected(complete(token, callback), Reason.SESSION_ENDED);
    assertNoSession(token);
    assertFailureAudited(Reason.SESSION_ENDED);
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_rejectsWhenTheSessionWasSignedOutMeanwhile() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    sessionService.signOut(token, ADDRESS);

    assertRejected(complete(token, callback), Reason.UNKNOWN_STATE);
    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void callback_rejectsWhenTheSessionEndsWhileTheAnswerIsVerified() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    prompt.duringComplete(() -> sessionService.signOut(token, ADDRESS));

    assertRejected(complete(token, callback), Reason.SESSION_ENDED);
    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void callback_rejectsWhenThePluginWasDeactivatedMeanwhileEvenWhenFailingOpen() {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    Rejected rejected = assertRejected(complete(token, callback), Reason.SETTINGS_CHANGED);

    assertThat(rejected.message()).contains("settings changed").doesNotContain("reached");
    assertNoSession(token);
    assertFailureAudited(Reason.SETTINGS_CHANGED);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_rejectsWhenThePluginWasUninstalledMeanwhile() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    plugins.transition(FakePromptPlugin.ID, PluginState.ACTIVE, PluginState.AVAILABLE);

    assertRejected(complete(token, callback), Reason.UNKNOWN_STATE);
    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_rejectsWhenTheSavedSecretCanNoLongerBeDecrypted() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    Map<String, SettingValue> values =
        new HashMap<>(plugins.settings(FakePromptPlugin.ID).values());
    values.put(FakePromptPlugin.CLIENT_SECRET, new SettingValue("fake:00112233445566778899", true));
    saveDirectly(values);

    assertRejected(complete(token, callback), Reason.SETTINGS_CHANGED);
    assertNoSession(token);
    assertThat(prompt.completes()).isEmpty();
  }

  @Test
  void callback_theSettingsAsSavedNowAreWhatTheMethodVerifiesWith() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    configure(Map.of(FakePromptPlugin.FAIL_MODE, "open"));

    complete(token, callback);

    assertThat(prompt.completes().getFirst().settings().get(FakePromptPlugin.FAIL_MODE))
        .contains(new SettingValue("open", false));
  }
}
