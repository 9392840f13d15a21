package io.supportpro.adapter.out.duo;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.DuoCallbackCommand;
import io.supportpro.application.port.in.DuoCallbackResult;
import io.supportpro.application.port.in.DuoCallbackResult.Reason;
import io.supportpro.application.port.in.DuoCallbackResult.Rejected;
import io.supportpro.application.port.in.DuoCallbackResult.SignedIn;
import io.supportpro.application.port.in.DuoStartResult;
import io.supportpro.application.port.in.DuoStartResult.Redirect;
import io.supportpro.application.port.in.DuoStartResult.Refused;
import io.supportpro.application.port.in.DuoStartResult.SessionEnded;
import io.supportpro.application.port.in.DuoStartResult.SignedInWithoutDuo;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult.SessionStarted;
import io.supportpro.application.port.out.DuoConnection;
import io.supportpro.application.port.out.DuoGateway;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.testing.DuoFault;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryDuoGateway;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPendingSignIns;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.operator.Username;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.DuoPlugin;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DuoSignInServiceTest {
  private static final String CLIENT_ID = "DI1234567890ABCDEFGH";
  private static final String SECRET = "abcdefghij0123456789ABCDEFGHIJ0123456789";
  private static final String WRONG_SECRET = "ZYXWVUTSRQ9876543210zyxwvutsrq9876543210";
  private static final String HOST = InMemoryDuoGateway.API_HOST;
  private static final URI CALLBACK = URI.create("https://help.example.com/duo/callback");
  private static final String PASSWORD = "violet-Harbour-47-kettle";
  private static final String ADDRESS = "192.0.2.10";
  private static final String RETURN_TO = "/admin/audit?page=2";
  private static final String PIN = "sha256/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv68=";

  /**
   * The in-memory Duo, with ways to make the prompt or the exchange answer what a test needs and to
   * see what the service asked.
   */
  private static final class SteerableDuo implements DuoGateway {
    private final InMemoryDuoGateway duo;
    private Prompt promptAnswer;
    private UnaryOperator<Result> exchangeAnswer = UnaryOperator.identity();
    private Runnable duringHealthCheck = () -> {};
    private final List<DuoConnection> connections = new ArrayList<>();
    private final List<String> promptedUsernames = new ArrayList<>();
    private final List<String> exchangedUsernames = new ArrayList<>();
    private int healthChecks;
    private int exchanges;

    SteerableDuo(InMemoryDuoGateway duo) {
      this.duo = duo;
    }

    @Override
    public Health healthCheck(DuoConnection connection) {
      healthChecks++;
      connections.add(connection);
      duringHealthCheck.run();
      return duo.healthCheck(connection);
    }

    @Override
    public Prompt prompt(DuoConnection connection, String username, String state) {
      connections.add(connection);
      promptedUsernames.add(username);
      return promptAnswer != null ? promptAnswer : duo.prompt(connection, username, state);
    }

    @Override
    public Result exchange(DuoConnection connection, String code, String username) {
      exchanges++;
      connections.add(connection);
      exchangedUsernames.add(username);
      return exchangeAnswer.apply(duo.exchange(connection, code, username));
    }
  }

  /** What the browser brings back from Duo, read from the address Duo redirects it to. */
  private record Callback(String state, String code, String error, String errorDescription) {
    static Callback from(URI back) {
      assertThat(back.toString()).startsWith(CALLBACK + "?");
      Map<String, String> query = new HashMap<>();
      for (String pair : back.getRawQuery().split("&")) {
        String[] parts = pair.split("=", 2);
        query.put(
            URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
      }
      return new Callback(
          query.getOrDefault("state", ""),
          query.getOrDefault("duo_code", ""),
          query.getOrDefault("error", ""),
          query.getOrDefault("error_description", ""));
    }

    Callback withState(String newState) {
      return new Callback(newState, code, error, errorDescription);
    }

    Callback withCode(String newCode) {
      return new Callback(state, newCode, error, errorDescription);
    }

    Callback withError(String newError, String newDescription) {
      return new Callback(state, code, newError, newDescription);
    }
  }

  private final MutableClock clock = MutableClock.atStart();
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryFailedAttempts attempts = new InMemoryFailedAttempts();
  private final FakeSecretCipher cipher = new FakeSecretCipher();
  private final InMemoryDuoGateway duo = new InMemoryDuoGateway(CLIENT_ID, SECRET);
  private final SteerableDuo gateway = new SteerableDuo(duo);
  // What the database's foreign keys do: a pending sign-in lives only as long as its plugin is
  // installed and its session exists.
  private final InMemoryPendingSignIns pending =
      new InMemoryPendingSignIns(
          p ->
              plugins.state(p.plugin()) != PluginState.AVAILABLE
                  && sessions.find(p.session()).isPresent());
  private final InMemoryPluginCatalog catalog =
      new InMemoryPluginCatalog(List.of(new DuoRulesPlugin()));
  private final SessionService sessionService =
      new SessionService(
          operators,
          hasher,
          sessions,
          attempts,
          ThrottlePolicy.DEFAULT,
          new SecondFactorRequirement(
              plugins, new InMemoryTotpCredentials(), new InMemoryPanelSettings()),
          SessionTimeouts.DEFAULT,
          audit,
          clock);
  private final PluginSettingsService settingsService =
      new PluginSettingsService(catalog, plugins, cipher, audit, clock);
  private final DuoSignInService service =
      new DuoSignInService(
          sessionService,
          sessions,
          plugins,
          pending,
          gateway,
          cipher,
          CALLBACK,
          attempts,
          ThrottlePolicy.DEFAULT,
          audit,
          clock);

  private final Operator root = administrator("root");
  private final Actor admin = actingAs(root);
  private final Operator ada =
      new Operator(
          OperatorId.random(),
          new Username("ada"),
          new EmailAddress("Ada.Lovelace@Example.COM"),
          new DisplayName("Ada Lovelace"),
          Role.OPERATOR,
          true);
  private final Operator grace = operator("grace");

  @BeforeEach
  void setUp() {
    for (Operator o : List.of(root, ada, grace)) {
      operators.add(o, hasher.hash(new Password(PASSWORD)));
    }
    plugins.transition(DuoPlugin.ID, PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.transition(DuoPlugin.ID, PluginState.INACTIVE, PluginState.ACTIVE);
    enableDuoFor(ada);
    enableDuoFor(grace);
    configure(Map.of());
  }

  // --- helpers

  private void enableDuoFor(Operator operator) {
    plugins.setOperatorValueIfActive(
        DuoPlugin.ID, operator.id(), DuoPlugin.ENABLED_KEY, Optional.of("true"));
  }

  private static Map<String, String> typed(Map<String, String> overrides) {
    Map<String, String> typed = new HashMap<>();
    typed.put(DuoSettings.CLIENT_ID, CLIENT_ID);
    typed.put(DuoSettings.CLIENT_SECRET, SECRET);
    typed.put(DuoSettings.API_HOSTNAME, HOST);
    typed.put(DuoSettings.FAIL_MODE, "closed");
    typed.put(DuoSettings.USERNAME_SOURCE, "username");
    typed.put(DuoSettings.PROXY_HOST, "");
    typed.put(DuoSettings.PROXY_PORT, "");
    typed.put(DuoSettings.CERTIFICATE_PINS, "");
    typed.putAll(overrides);
    return typed;
  }

  /** Saves the Duo settings through the settings page, with the Duo rules. */
  private void configure(Map<String, String> overrides) {
    SavePluginSettingsResult result =
        settingsService.save(new SavePluginSettingsCommand(admin, DuoPlugin.ID, typed(overrides)));
    assertThat(result).isInstanceOf(SavePluginSettingsResult.Saved.class);
  }

  private void failOpen() {
    configure(Map.of(DuoSettings.FAIL_MODE, "open"));
  }

  /** The operator passed their password; the session now waits for Duo. */
  private SessionToken passwordAccepted(Operator operator) {
    var started =
        (SessionStarted)
            sessionService.signIn(
                new SignInCommand(operator.username().value(), new Password(PASSWORD), ADDRESS));
    assertThat(started.session().stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR);
    assertThat(started.session().secondFactor()).isEqualTo(SecondFactor.DUO);
    return started.token();
  }

  private URI promptFor(SessionToken token) {
    DuoStartResult start = service.start(token, ADDRESS, RETURN_TO);
    assertThat(start).isInstanceOf(Redirect.class);
    return ((Redirect) start).location();
  }

  /** Password accepted, sent to Duo, approved there: what the browser brings back. */
  private Callback approvedCallback(SessionToken token) {
    return Callback.from(duo.approve(promptFor(token)));
  }

  private DuoCallbackResult complete(Optional<SessionToken> token, Callback callback) {
    return service.complete(
        new DuoCallbackCommand(
            token,
            callback.state(),
            callback.code(),
            callback.error(),
            callback.errorDescription(),
            ADDRESS));
  }

  private DuoCallbackResult complete(SessionToken token, Callback callback) {
    return complete(Optional.of(token), callback);
  }

  private Rejected assertRejected(DuoCallbackResult result, Reason reason) {
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.message()).isNotBlank();
    return rejected;
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
    AuditEvent failure = lastFailure();
    assertThat(failure.details())
        .containsEntry("factor", "duo")
        .hasEntrySatisfying(
            "reason", text -> assertThat(text).startsWith(reason.name().toLowerCase(Locale.ROOT)));
  }

  // --- the journey

  @Test
  void journey_startRedirectCallbackSignsInUnderANewToken() {
    SessionToken token = passwordAccepted(ada);

    URI location = promptFor(token);
    assertThat(location.getHost()).isEqualTo(HOST);
    DuoCallbackResult result = complete(token, Callback.from(duo.approve(location)));

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
  void journey_isAuditedAsASignInWithDuo() {
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    AuditEvent event = audit.all().getLast();
    assertThat(event.type()).isEqualTo(AuditEventType.SIGN_IN_SUCCEEDED);
    assertThat(event.details()).containsEntry("second_factor", "duo");
    assertThat(event.subject()).isEqualTo(ada.id().toString());
    assertThat(event.actor().operator()).contains(ada.id());
    assertThat(event.actor().clientAddress()).isEqualTo(ADDRESS);
    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).isEmpty();
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void journey_talksToDuoWithTheSavedSettingsAndTheCallbackAddress() {
    configure(
        Map.of(
            DuoSettings.PROXY_HOST, "proxy.example.internal",
            DuoSettings.PROXY_PORT, "3128",
            DuoSettings.CERTIFICATE_PINS, PIN));
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    assertThat(gateway.connections)
        .hasSize(3)
        .allSatisfy(
            connection -> {
              assertThat(connection.clientId()).isEqualTo(CLIENT_ID);
              assertThat(connection.clientSecret()).isEqualTo(SECRET);
              assertThat(connection.apiHost()).isEqualTo(HOST);
              assertThat(connection.redirectUri()).isEqualTo(CALLBACK);
              assertThat(connection.proxy())
                  .contains(new DuoConnection.Proxy("proxy.example.internal", 3128));
              assertThat(connection.extraCertificatePins()).containsExactly(PIN);
            });
  }

  @Test
  void journey_eachSignInGetsItsOwnState() {
    SessionToken first = passwordAccepted(ada);
    SessionToken second = passwordAccepted(grace);

    Callback forAda = approvedCallback(first);
    Callback forGrace = approvedCallback(second);

    assertThat(forAda.state()).isNotEqualTo(forGrace.state());
    assertThat(complete(first, forAda)).isInstanceOf(SignedIn.class);
    assertThat(complete(second, forGrace)).isInstanceOf(SignedIn.class);
  }

  @Test
  void journey_keepsOnlyAHashOfTheStateServerSide() {
    SessionToken token = passwordAccepted(ada);
    URI location = promptFor(token);

    assertThat(pending.size()).isEqualTo(1);
    Callback callback = Callback.from(duo.approve(location));
    assertThat(pending.take(callback.state())).as("looked up by the state itself").isEmpty();
  }

  // --- the username sent to Duo

  @Test
  void username_sentToDuoIsTheUsernameByDefault() {
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    assertThat(gateway.promptedUsernames).containsExactly("ada");
    assertThat(gateway.exchangedUsernames).containsExactly("ada");
  }

  @Test
  void username_sentToDuoIsTheLowerCaseEmailAddressWhenChosen() {
    configure(Map.of(DuoSettings.USERNAME_SOURCE, "email"));
    SessionToken token = passwordAccepted(ada);

    DuoCallbackResult result = complete(token, approvedCallback(token));

    assertThat(gateway.promptedUsernames).containsExactly("ada.lovelace@example.com");
    assertThat(gateway.exchangedUsernames).containsExactly("ada.lovelace@example.com");
    assertThat(result).isInstanceOf(SignedIn.class);
  }

  @Test
  void username_isTheSameWhateverCaseTheOperatorTypedAtSignIn() {
    var started =
        (SessionStarted)
            sessionService.signIn(new SignInCommand("  ADA ", new Password(PASSWORD), ADDRESS));

    complete(started.token(), approvedCallback(started.token()));

    assertThat(gateway.promptedUsernames).containsExactly("ada");
  }

  // --- start refused

  @Test
  void start_answersSessionEndedForAnUnknownToken() {
    assertThat(service.start(SessionToken.random(), ADDRESS, RETURN_TO))
        .isEqualTo(new SessionEnded());
    assertThat(gateway.healthChecks).isZero();
  }

  @Test
  void start_answersSessionEndedForASessionWaitingForAnAuthenticatorCode() {
    SessionToken token = SessionToken.random();
    sessions.create(Session.begin(token, root.id(), SecondFactor.TOTP, clock.now()));

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isEqualTo(new SessionEnded());
    assertThat(gateway.healthChecks).isZero();
    assertThat(pending.size()).isZero();
  }

  @Test
  void start_answersSessionEndedForASessionWaitingForEnrolment() {
    SessionToken token = SessionToken.random();
    sessions.create(Session.begin(token, root.id(), SecondFactor.TOTP_ENROLMENT, clock.now()));

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isEqualTo(new SessionEnded());
    assertThat(gateway.healthChecks).isZero();
  }

  @Test
  void start_answersSessionEndedForASignedInSessionAndLeavesItSignedIn() {
    SessionToken token = passwordAccepted(ada);
    SignedIn signedIn = (SignedIn) complete(token, approvedCallback(token));
    int checks = gateway.healthChecks;

    assertThat(service.start(signedIn.token(), ADDRESS, RETURN_TO)).isEqualTo(new SessionEnded());
    assertThat(gateway.healthChecks).isEqualTo(checks);
    assertThat(sessionService.resume(signedIn.token())).isPresent();
  }

  @Test
  void start_answersSessionEndedWhenTheSecondFactorTookTooLong() {
    SessionToken token = passwordAccepted(ada);
    clock.advance(SessionTimeouts.DEFAULT.partial());

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isEqualTo(new SessionEnded());
    assertNoSession(token);
  }

  @Test
  void start_answersSessionEndedWhenTheOperatorWasDeactivated() {
    SessionToken token = passwordAccepted(ada);
    operators.update(ada.id(), OperatorChanges.active(false));

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isEqualTo(new SessionEnded());
    assertNoSession(token);
  }

  @Test
  void start_isRefusedAndEndsTheSessionWhileTheSettingsAreIncomplete() {
    SessionToken token = passwordAccepted(ada);
    plugins.saveSettingsIfActive(
        DuoPlugin.ID,
        new PluginSettings(Map.of(DuoSettings.CLIENT_ID, new SettingValue(CLIENT_ID, false))));

    DuoStartResult result = service.start(token, ADDRESS, RETURN_TO);

    assertThat(result).isInstanceOf(Refused.class);
    assertThat(((Refused) result).message()).isNotBlank();
    assertNoSession(token);
    assertThat(gateway.healthChecks).isZero();
    assertThat(lastFailure().details()).containsEntry("factor", "duo");
    assertThat(lastFailure().subject()).isEqualTo(ada.id().toString());
  }

  @Test
  void start_isRefusedWhileTheSettingsAreIncompleteEvenWhenFailingOpen() {
    SessionToken token = passwordAccepted(ada);
    plugins.saveSettingsIfActive(
        DuoPlugin.ID,
        new PluginSettings(
            Map.of(
                DuoSettings.FAIL_MODE, new SettingValue("open", false),
                DuoSettings.CLIENT_ID, new SettingValue(CLIENT_ID, false),
                DuoSettings.API_HOSTNAME, new SettingValue(HOST, false))));
    duo.inject(DuoFault.DOWN);

    DuoStartResult result = service.start(token, ADDRESS, RETURN_TO);

    assertThat(result).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).hasSize(1);
  }

  @Test
  void start_isRefusedWhenNothingIsConfiguredYet() {
    SessionToken token = passwordAccepted(ada);
    plugins.saveSettingsIfActive(DuoPlugin.ID, PluginSettings.EMPTY);

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isInstanceOf(Refused.class);
    assertNoSession(token);
  }

  @Test
  void start_isRefusedWhenTheSavedSecretCannotBeDecrypted() {
    Map<String, SettingValue> values = new HashMap<>(plugins.settings(DuoPlugin.ID).values());
    values.put(DuoSettings.CLIENT_SECRET, new SettingValue("fake:00112233445566778899", true));
    values.put(DuoSettings.FAIL_MODE, new SettingValue("open", false));
    plugins.saveSettingsIfActive(DuoPlugin.ID, new PluginSettings(values));
    SessionToken token = passwordAccepted(ada);

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isInstanceOf(Refused.class);
    assertNoSession(token);
  }

  @Test
  void start_isRefusedWhenThePluginWasDeactivatedAfterThePassword() {
    SessionToken token = passwordAccepted(ada);
    plugins.transition(DuoPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(gateway.healthChecks).isZero();
    assertThat(pending.size()).isZero();
  }

  @Test
  void start_isRefusedWhenThePluginWasDeactivatedAfterThePasswordEvenWhenFailingOpen() {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    plugins.transition(DuoPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void start_isRefusedWhenThePluginIsUninstalledDuringTheHealthCheck() {
    SessionToken token = passwordAccepted(ada);
    gateway.duringHealthCheck =
        () -> plugins.transition(DuoPlugin.ID, PluginState.ACTIVE, PluginState.AVAILABLE);

    DuoStartResult result = service.start(token, ADDRESS, RETURN_TO);

    assertThat(result).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(pending.size()).isZero();
    assertThat(gateway.promptedUsernames).isEmpty();
    assertThat(lastFailure().details()).containsEntry("factor", "duo");
  }

  // --- the fail mode at the health check

  @ParameterizedTest
  @EnumSource(
      value = DuoFault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503"})
  void failClosed_refusesWhenTheHealthCheckFails(DuoFault fault) {
    duo.inject(fault);
    SessionToken token = passwordAccepted(ada);

    DuoStartResult result = service.start(token, ADDRESS, RETURN_TO);

    assertThat(result).isInstanceOf(Refused.class);
    assertThat(((Refused) result).reason()).isEqualTo(DuoStartResult.Reason.DUO_UNAVAILABLE);
    assertThat(((Refused) result).message()).contains("Duo cannot be reached");
    assertNoSession(token);
    assertThat(pending.size()).isZero();
    assertThat(gateway.promptedUsernames).isEmpty();
    assertThat(lastFailure().subject()).isEqualTo(ada.id().toString());
    assertThat(lastFailure().details().get("reason")).contains("unavailable");
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = DuoGateway.Failure.class,
      names = {"UNREACHABLE", "SERVICE_ERROR", "INVALID_CONFIGURATION"})
  void failClosed_auditsWhichFailureStoppedTheSignIn(DuoGateway.Failure failure) {
    duo.inject(
        switch (failure) {
          case UNREACHABLE -> DuoFault.DOWN;
          case SERVICE_ERROR -> DuoFault.HTTP_500;
          default -> DuoFault.STAT_FAIL;
        });
    SessionToken token = passwordAccepted(ada);

    service.start(token, ADDRESS, RETURN_TO);

    assertThat(lastFailure().details().get("reason")).contains(failure.name());
  }

  @Test
  void failClosed_refusesWhenDuoRefusesTheSavedCredentials() {
    configure(Map.of(DuoSettings.CLIENT_SECRET, WRONG_SECRET));
    SessionToken token = passwordAccepted(ada);

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(lastFailure().details().get("reason")).contains("INVALID_CONFIGURATION");
  }

  @ParameterizedTest
  @EnumSource(
      value = DuoFault.class,
      names = {"HTTP_429", "HTTP_400", "MALFORMED_JSON", "STAT_FAIL"})
  void failOpen_refusesWhenTheHealthCheckAnswerRefusesOrCannotBeRead(DuoFault fault) {
    failOpen();
    duo.inject(fault);
    SessionToken token = passwordAccepted(ada);

    DuoStartResult result = service.start(token, ADDRESS, RETURN_TO);

    assertThat(result).isInstanceOf(Refused.class);
    Refused refused = (Refused) result;
    assertThat(refused.reason())
        .isEqualTo(
            switch (fault) {
              case HTTP_429 -> DuoStartResult.Reason.DUO_UNAVAILABLE;
              case STAT_FAIL -> DuoStartResult.Reason.CREDENTIALS_REJECTED;
              default -> DuoStartResult.Reason.DUO_REFUSED;
            });
    assertThat(refused.message())
        .contains(
            switch (fault) {
              case HTTP_429 -> "turning away the panel's requests";
              case STAT_FAIL -> "Duo rejected the panel's credentials";
              default -> "Duo refused the panel's request";
            });
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(lastFailure().details().get("reason")).contains("duo unavailable");
  }

  @ParameterizedTest
  @EnumSource(
      value = DuoFault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503"})
  void failOpen_signsInWithoutDuoWhenTheHealthCheckFails(DuoFault fault) {
    failOpen();
    duo.inject(fault);
    SessionToken token = passwordAccepted(ada);

    DuoStartResult result = service.start(token, ADDRESS, RETURN_TO);

    assertThat(result).isInstanceOf(SignedInWithoutDuo.class);
    SignedInWithoutDuo signedIn = (SignedInWithoutDuo) result;
    assertThat(signedIn.token()).isNotEqualTo(token);
    assertThat(signedIn.session().signedIn()).isTrue();
    assertThat(sessionService.resume(token)).isEmpty();
    assertThat(sessionService.resume(signedIn.token())).isPresent();
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(gateway.promptedUsernames).isEmpty();
  }

  @Test
  void failOpen_auditsTheSkippedSecondFactorWithTheFailure() {
    failOpen();
    duo.inject(DuoFault.DOWN);
    SessionToken token = passwordAccepted(ada);

    service.start(token, ADDRESS, RETURN_TO);

    AuditEvent skipped = events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN).getLast();
    assertThat(skipped.subject()).isEqualTo(ada.id().toString());
    assertThat(skipped.details())
        .containsEntry("factor", "duo")
        .containsEntry("failure", "UNREACHABLE");
    AuditEvent succeeded = audit.all().getLast();
    assertThat(succeeded.type()).isEqualTo(AuditEventType.SIGN_IN_SUCCEEDED);
    assertThat(succeeded.details())
        .containsEntry("second_factor", "none: duo unavailable, fail open");
  }

  @Test
  void failOpen_doesNotSkipDuoWhileDuoIsUp() {
    failOpen();
    SessionToken token = passwordAccepted(ada);

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isInstanceOf(Redirect.class);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  // --- the fail mode when the prompt cannot be made

  @ParameterizedTest
  @EnumSource(
      value = DuoGateway.Failure.class,
      names = {"UNREACHABLE", "SERVICE_ERROR", "INVALID_CONFIGURATION"})
  void failClosed_refusesWhenThePromptCannotBeMade(DuoGateway.Failure failure) {
    gateway.promptAnswer = new DuoGateway.Prompt.Unavailable(failure, "no prompt");
    SessionToken token = passwordAccepted(ada);

    DuoStartResult result = service.start(token, ADDRESS, RETURN_TO);

    assertThat(result).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(pending.size()).as("the state is forgotten").isZero();
    assertThat(lastFailure().details().get("reason")).contains(failure.name());
  }

  @Test
  void failOpen_stillRefusesWhenDuoRefusesTheSavedCredentials() {
    failOpen();
    duo.inject(DuoFault.STAT_FAIL);
    SessionToken token = passwordAccepted(ada);

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(lastFailure().details().get("reason")).contains("INVALID_CONFIGURATION");
  }

  @Test
  void failOpen_stillRefusesWhenThePromptCannotBeMadeWithTheSavedCredentials() {
    failOpen();
    gateway.promptAnswer =
        new DuoGateway.Prompt.Unavailable(DuoGateway.Failure.INVALID_CONFIGURATION, "no prompt");
    SessionToken token = passwordAccepted(ada);

    assertThat(service.start(token, ADDRESS, RETURN_TO)).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = DuoGateway.Failure.class,
      names = {"UNREACHABLE", "SERVICE_ERROR"})
  void failOpen_signsInWithoutDuoWhenThePromptCannotBeMade(DuoGateway.Failure failure) {
    failOpen();
    gateway.promptAnswer = new DuoGateway.Prompt.Unavailable(failure, "no prompt");
    SessionToken token = passwordAccepted(ada);

    DuoStartResult result = service.start(token, ADDRESS, RETURN_TO);

    assertThat(result).isInstanceOf(SignedInWithoutDuo.class);
    assertThat(sessionService.resume(token)).isEmpty();
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(pending.size()).isZero();
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN).getLast().details())
        .containsEntry("failure", failure.name());
  }

  // --- the fail mode at the exchange

  @ParameterizedTest
  @EnumSource(
      value = DuoFault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503", "HTTP_429"})
  void failClosed_rejectsTheCallbackWhenTheExchangeCannotReachDuo(DuoFault fault) {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    duo.inject(fault);

    DuoCallbackResult result = complete(token, callback);

    Rejected rejected = assertRejected(result, Reason.DUO_UNAVAILABLE);
    assertThat(rejected.message()).contains("Duo cannot be reached");
    assertNoSession(token);
    assertFailureAudited(Reason.DUO_UNAVAILABLE);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  /** After the redirect no failure is an outage to excuse: the browser was sent to a live Duo. */
  @ParameterizedTest
  @EnumSource(
      value = DuoFault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503", "HTTP_429", "HTTP_400", "MALFORMED_JSON"})
  void failOpen_rejectsTheCallbackWhateverTheExchangeFailure(DuoFault fault) {
    failOpen();
    for (boolean junk : List.of(true, false)) {
      duo.clearFaults();
      SessionToken token = passwordAccepted(ada);
      Callback callback = approvedCallback(token);
      duo.inject(fault);

      DuoCallbackResult result = complete(token, junk ? callback.withCode("junk") : callback);

      Reason expected =
          switch (fault) {
            case HTTP_400, MALFORMED_JSON -> Reason.INVALID_RESPONSE;
            default -> Reason.DUO_UNAVAILABLE;
          };
      Rejected rejected = assertRejected(result, expected);
      assertThat(rejected.message()).contains("not completed");
      assertNoSession(token);
      assertFailureAudited(expected);
    }
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void failOpen_doesNotApplyWhenDuoRefusesTheCredentialsAtTheExchange() {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    duo.inject(DuoFault.STAT_FAIL);

    Rejected rejected = assertRejected(complete(token, callback), Reason.CREDENTIALS_REJECTED);
    assertThat(rejected.message()).contains("Duo rejected the panel's credentials");
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
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

    DuoCallbackResult result = complete(token, callback.withState(state));

    assertRejected(result, Reason.UNKNOWN_STATE);
    assertNoSession(token);
    assertFailureAudited(Reason.UNKNOWN_STATE);
    assertThat(gateway.exchanges).isZero();
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

    DuoCallbackResult result = complete(token, callback.withState(SessionToken.randomText()));

    assertRejected(result, Reason.UNKNOWN_STATE);
    assertNoSession(token);
    assertFailureAudited(Reason.UNKNOWN_STATE);
    assertThat(gateway.exchanges).isZero();
  }

  /** A callback with a state nobody issued, from a browser without a session. */
  private DuoCallbackResult junkCallback() {
    return complete(Optional.empty(), new Callback(SessionToken.randomText(), "x", "", ""));
  }

  private List<RecordedAuditEvent> entries(AuditEventType type) {
    return audit.entries().stream().filter(e -> e.event().type() == type).toList();
  }

  @Test
  void callback_unknownStatesFromOneAddressAreThrottledAndCountedInTwoEntries() {
    int before = audit.entries().size();
    List<DuoCallbackResult> results = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      results.add(junkCallback());
    }

    assertThat(results.subList(0, 20)).allSatisfy(r -> assertRejected(r, Reason.UNKNOWN_STATE));
    assertThat(results.subList(20, 500))
        .containsOnly(new DuoCallbackResult.Throttled(Duration.ofSeconds(30), false));
    assertThat(audit.entries()).hasSize(before + 2);
    assertThat(entries(AuditEventType.SECOND_FACTOR_FAILED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.occurrences()).isEqualTo(20);
              assertThat(e.event().details())
                  .containsEntry("factor", "duo")
                  .containsEntry("reason", "unknown_state");
              assertThat(e.event().actor()).isEqualTo(Actor.anonymous("", ADDRESS));
            });
    assertThat(entries(AuditEventType.SECOND_FACTOR_THROTTLED))
        .singleElement()
        .satisfies(e -> assertThat(e.occurrences()).isEqualTo(480));
  }

  @Test
  void callback_malformedStatesCountLikeUnknownOnes() {
    for (int i = 0; i < 20; i++) {
      complete(Optional.empty(), new Callback("short", "x", "", ""));
    }

    assertThat(complete(Optional.empty(), new Callback("", "", "", "")))
        .isInstanceOf(DuoCallbackResult.Throttled.class);
  }

  @Test
  void callback_onceTheLockEndsUnknownStatesAreCheckedAgainAndCountedInTheSameEntry() {
    for (int i = 0; i < 21; i++) {
      junkCallback();
    }
    clock.advance(Duration.ofSeconds(31));

    assertRejected(junkCallback(), Reason.UNKNOWN_STATE);
    assertThat(junkCallback())
        .isEqualTo(new DuoCallbackResult.Throttled(Duration.ofSeconds(60), false));
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
    assertThat(junkCallback()).isInstanceOf(DuoCallbackResult.Throttled.class);

    assertThat(complete(token, callback)).isInstanceOf(SignedIn.class);
  }

  @Test
  void callback_aThrottledCallbackEndsTheSignInWaitingInItsBrowser() {
    SessionToken token = passwordAccepted(ada);
    approvedCallback(token);
    for (int i = 0; i < 20; i++) {
      junkCallback();
    }

    assertThat(complete(token, new Callback(SessionToken.randomText(), "x", "", "")))
        .isInstanceOf(DuoCallbackResult.Throttled.class);
    assertNoSession(token);
  }

  @Test
  void callback_rejectsAStateUsedASecondTime() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    SignedIn signedIn = (SignedIn) complete(token, callback);

    DuoCallbackResult replay = complete(token, callback);

    assertRejected(replay, Reason.UNKNOWN_STATE);
    assertFailureAudited(Reason.UNKNOWN_STATE);
    assertThat(sessionService.resume(token)).isEmpty();
    assertThat(sessions.size()).as("only the first use signed in").isEqualTo(1);
    assertThat(sessionService.resume(signedIn.token())).isPresent();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
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
    duo.deny("ada");
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    assertRejected(complete(token, callback), Reason.DENIED);

    assertRejected(complete(token, callback), Reason.UNKNOWN_STATE);
    assertNoSession(token);
  }

  @Test
  void callback_rejectsAPendingSignInOlderThanFiveMinutes() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    clock.advance(DuoSignInService.STATE_LIFETIME.plusSeconds(1));

    DuoCallbackResult result = complete(token, callback);

    Rejected rejected = assertRejected(result, Reason.EXPIRED);
    assertThat(rejected.message()).contains("five minutes");
    assertNoSession(token);
    assertFailureAudited(Reason.EXPIRED);
    assertThat(gateway.exchanges).isZero();
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
   * The first arrival of the callback stops in the exchange with Duo until {@code meanwhile} has
   * run; returns what the first arrival answered.
   */
  private DuoCallbackResult completeWhile(SessionToken token, Callback callback, Runnable meanwhile)
      throws Exception {
    var exchanging = new CountDownLatch(1);
    var resume = new CountDownLatch(1);
    gateway.exchangeAnswer =
        answer -> {
          exchanging.countDown();
          try {
            assertThat(resume.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return answer;
        };
    try (ExecutorService first = Executors.newSingleThreadExecutor()) {
      Future<DuoCallbackResult> firstArrival = first.submit(() -> complete(token, callback));
      assertThat(exchanging.await(10, TimeUnit.SECONDS)).isTrue();
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
    List<DuoCallbackResult> duplicates = new ArrayList<>();

    DuoCallbackResult first =
        completeWhile(token, callback, () -> duplicates.add(complete(token, callback)));

    assertThat(duplicates).containsExactly(new DuoCallbackResult.Duplicate(RETURN_TO));
    assertThat(first).isInstanceOf(SignedIn.class);
    assertThat(sessionService.resume(((SignedIn) first).token())).isPresent();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).isEmpty();
    assertThat(gateway.exchanges).isEqualTo(1);
  }

  @Test
  void callback_aDuplicateFromAnotherBrowserIsRefusedAndLeavesTheOwnerAlone() throws Exception {
    SessionToken owner = passwordAccepted(ada);
    Callback callback = approvedCallback(owner);
    SessionToken other = passwordAccepted(grace);
    List<DuoCallbackResult> duplicates = new ArrayList<>();

    DuoCallbackResult first =
        completeWhile(owner, callback, () -> duplicates.add(complete(other, callback)));

    assertThat(duplicates).hasSize(1);
    assertThat(assertRejected(duplicates.getFirst(), Reason.OTHER_BROWSER).endedSignIn()).isTrue();
    assertThat(sessionService.resume(other)).as("the other browser's own sign-in").isEmpty();
    assertThat(first).isInstanceOf(SignedIn.class);
    assertThat(sessionService.resume(((SignedIn) first).token())).isPresent();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
    assertThat(gateway.exchanges).isEqualTo(1);
  }

  @Test
  void callback_aDuplicateWithoutACookieIsRefusedAndLeavesTheOwnerAlone() throws Exception {
    SessionToken owner = passwordAccepted(ada);
    Callback callback = approvedCallback(owner);
    List<DuoCallbackResult> duplicates = new ArrayList<>();

    DuoCallbackResult first =
        completeWhile(owner, callback, () -> duplicates.add(complete(Optional.empty(), callback)));

    assertRejected(duplicates.getFirst(), Reason.OTHER_BROWSER);
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
            complete(Optional.of(token), new Callback("x".repeat(43), "code", "", "")),
            Reason.UNKNOWN_STATE);

    assertThat(rejected.endedSignIn()).isTrue();
    assertNoSession(token);
  }

  // --- the callback: another browser

  @Test
  void callback_rejectsAStateBroughtBackWithoutTheSessionCookie() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    DuoCallbackResult result = complete(Optional.empty(), callback);

    assertRejected(result, Reason.OTHER_BROWSER);
    assertNoSession(token);
    assertFailureAudited(Reason.OTHER_BROWSER);
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_rejectsAStateBroughtBackByAnotherSessionAndEndsBoth() {
    SessionToken victim = passwordAccepted(ada);
    Callback callback = approvedCallback(victim);
    SessionToken other = passwordAccepted(grace);

    DuoCallbackResult result = complete(other, callback);

    assertRejected(result, Reason.OTHER_BROWSER);
    assertNoSession(victim, other);
    assertFailureAudited(Reason.OTHER_BROWSER);
    assertThat(gateway.exchanges).isZero();
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

  // --- the callback: the session meanwhile

  @Test
  void callback_rejectsWhenTheOperatorWasDeactivatedMeanwhile() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    operators.update(ada.id(), OperatorChanges.active(false));

    assertRejected(complete(token, callback), Reason.SESSION_ENDED);
    assertNoSession(token);
    assertFailureAudited(Reason.SESSION_ENDED);
    assertThat(gateway.exchanges).isZero();
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
  void callback_rejectsWhenThePluginWasDeactivatedMeanwhileEvenWhenFailingOpen() {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    plugins.transition(DuoPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    Rejected rejected = assertRejected(complete(token, callback), Reason.SETTINGS_CHANGED);
    assertThat(rejected.message()).contains("settings changed").doesNotContain("reached");
    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_rejectsWhenThePluginWasUninstalledMeanwhile() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    plugins.transition(DuoPlugin.ID, PluginState.ACTIVE, PluginState.AVAILABLE);

    assertRejected(complete(token, callback), Reason.UNKNOWN_STATE);
    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(gateway.exchanges).isZero();
  }

  // --- the callback: Duo's answer

  @Test
  void callback_rejectsAnErrorSentBackByDuo() {
    duo.inject(DuoFault.ERROR_REDIRECT);
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    assertThat(callback.error()).isEqualTo("access_denied");

    DuoCallbackResult result = complete(token, callback);

    Rejected rejected = assertRejected(result, Reason.DUO_ERROR);
    assertThat(rejected.message()).doesNotContain("access_denied");
    assertNoSession(token);
    assertFailureAudited(Reason.DUO_ERROR);
    assertThat(lastFailure().details().get("reason"))
        .contains("access_denied")
        .contains("Access denied");
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_rejectsAnErrorEvenWhenACodeCameWithIt() {
    SessionToken token = passwordAccepted(ada);
    Callback callback =
        approvedCallback(token).withError("server_error", "<script>alert(1)</script>");

    Rejected rejected = assertRejected(complete(token, callback), Reason.DUO_ERROR);

    assertThat(rejected.message()).doesNotContain("<script>");
    assertNoSession(token);
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_rejectsAnErrorEvenWhenFailingOpen() {
    failOpen();
    duo.inject(DuoFault.ERROR_REDIRECT);
    SessionToken token = passwordAccepted(ada);

    assertRejected(complete(token, approvedCallback(token)), Reason.DUO_ERROR);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void callback_rejectsASignInDuoDenied() {
    duo.deny("ada");
    SessionToken token = passwordAccepted(ada);

    DuoCallbackResult result = complete(token, approvedCallback(token));

    Rejected rejected = assertRejected(result, Reason.DENIED);
    assertThat(rejected.message()).contains("denied");
    assertNoSession(token);
    assertFailureAudited(Reason.DENIED);
  }

  @Test
  void callback_rejectsASignInTheOperatorDeclinedOnThePrompt() {
    SessionToken token = passwordAccepted(ada);

    DuoCallbackResult result = complete(token, Callback.from(duo.decline(promptFor(token))));

    assertRejected(result, Reason.DENIED);
    assertNoSession(token);
  }

  @Test
  void callback_rejectsAnAnswerForAnotherUser() {
    gateway.exchangeAnswer =
        answer ->
            new DuoGateway.Result.Verified("grace", true, "Login Successful", "txn-1", "duo_push");
    SessionToken token = passwordAccepted(ada);

    DuoCallbackResult result = complete(token, approvedCallback(token));

    assertRejected(result, Reason.WRONG_USER);
    assertNoSession(token);
    assertFailureAudited(Reason.WRONG_USER);
    assertThat(lastFailure().details().get("reason")).contains("grace");
  }

  @Test
  void callback_rejectsAnAnswerForTheSameNameInAnotherCase() {
    gateway.exchangeAnswer =
        answer ->
            new DuoGateway.Result.Verified("ADA", true, "Login Successful", "txn-1", "duo_push");
    SessionToken token = passwordAccepted(ada);

    assertRejected(complete(token, approvedCallback(token)), Reason.WRONG_USER);
    assertNoSession(token);
  }

  @ParameterizedTest
  @EnumSource(
      value = DuoFault.class,
      names = {"BAD_SIGNATURE", "WRONG_ISS", "WRONG_AUD", "WRONG_USER", "EXPIRED"})
  void callback_rejectsAnAnswerThatDoesNotVerifyEvenWhenFailingOpen(DuoFault fault) {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    duo.inject(fault);

    DuoCallbackResult result = complete(token, callback);

    assertRejected(result, Reason.INVALID_RESPONSE);
    assertNoSession(token);
    assertFailureAudited(Reason.INVALID_RESPONSE);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void callback_rejectsATamperedCode() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    DuoCallbackResult result = complete(token, callback.withCode(callback.code() + "0"));

    assertRejected(result, Reason.INVALID_RESPONSE);
    assertNoSession(token);
    assertFailureAudited(Reason.INVALID_RESPONSE);
  }

  @Test
  void callback_rejectsAMissingCode() {
    SessionToken token = passwordAccepted(ada);

    assertRejected(complete(token, approvedCallback(token).withCode("")), Reason.INVALID_RESPONSE);
    assertNoSession(token);
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_rejectsAnOverlongCodeWithoutSendingItToDuo() {
    SessionToken token = passwordAccepted(ada);

    assertRejected(
        complete(token, approvedCallback(token).withCode("c".repeat(1025))),
        Reason.INVALID_RESPONSE);
    assertNoSession(token);
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_auditsEachRejectionOnceWithTheOperatorAndAddress() {
    duo.deny("ada");
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).hasSize(1);
    AuditEvent failure = lastFailure();
    assertThat(failure.actor().operator()).contains(ada.id());
    assertThat(failure.actor().clientAddress()).isEqualTo(ADDRESS);
    assertThat(failure.subject()).isEqualTo(ada.id().toString());
  }

  @Test
  void callback_neverWritesTheClientSecretIntoTheAuditLog() {
    failOpen();
    SessionToken first = passwordAccepted(ada);
    complete(first, approvedCallback(first));
    duo.inject(DuoFault.DOWN);
    SessionToken second = passwordAccepted(ada);
    service.start(second, ADDRESS, RETURN_TO);

    assertThat(audit.all())
        .allSatisfy(event -> assertThat(event.toString()).doesNotContain(SECRET));
  }
}
