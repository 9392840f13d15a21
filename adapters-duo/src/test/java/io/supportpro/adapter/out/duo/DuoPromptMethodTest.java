package io.supportpro.adapter.out.duo;

import static io.supportpro.adapter.out.duo.DuoPanel.CALLBACK;
import static io.supportpro.adapter.out.duo.DuoPanel.CLIENT_ID;
import static io.supportpro.adapter.out.duo.DuoPanel.HOST;
import static io.supportpro.adapter.out.duo.DuoPanel.PROXY;
import static io.supportpro.adapter.out.duo.DuoPanel.SECRET;
import static io.supportpro.adapter.out.duo.DuoPanel.WRONG_SECRET;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.emulator.Fault;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.PromptCallbackCommand;
import io.supportpro.application.port.in.PromptCallbackResult;
import io.supportpro.application.port.in.PromptCallbackResult.Reason;
import io.supportpro.application.port.in.PromptCallbackResult.Rejected;
import io.supportpro.application.port.in.PromptCallbackResult.SignedIn;
import io.supportpro.application.port.in.PromptStartResult;
import io.supportpro.application.port.in.PromptStartResult.Redirect;
import io.supportpro.application.port.in.PromptStartResult.Refused;
import io.supportpro.application.port.in.PromptStartResult.SignedInWithoutSecondFactor;
import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult.SessionStarted;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.service.PluginOperatorsService;
import io.supportpro.application.service.PromptSignInService;
import io.supportpro.application.service.SecondFactorRequirement;
import io.supportpro.application.service.SessionService;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryPendingSignIns;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
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
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Duo's Universal Prompt as the panel's core drives it: the prompt step of {@link
 * PromptSignInService} over in-memory stores, with the Duo plugin talking to the in-memory Duo. The
 * core's own rules for the state (expiry, single use, other browsers, throttling) are proved with a
 * test method in the application; here a few journeys, and everything that is Duo's: the health
 * check and the fail mode before the redirect, the name sent to Duo, Duo's answer on the way back,
 * and what the operator and the audit log are told.
 */
class DuoPromptMethodTest {
  private static final String PASSWORD = "violet-Harbour-47-kettle";
  private static final String ADDRESS = "192.0.2.10";
  private static final String RETURN_TO = "/admin/audit?page=2";
  private static final String PIN = "sha256/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv68=";
  private static final String FACTOR = DuoSecurityPlugin.ID.value();

  /**
   * The in-memory Duo, with ways to make the prompt or the exchange answer what a test needs and to
   * see what the plugin asked.
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

  /** What the browser brings back from Duo: the state, and the rest of the query for the plugin. */
  private record Callback(String state, Map<String, String> answer) {
    static Callback from(URI back) {
      assertThat(back.toString()).startsWith(CALLBACK + "?");
      Map<String, String> query = new HashMap<>();
      for (String pair : back.getRawQuery().split("&")) {
        String[] parts = pair.split("=", 2);
        query.put(
            URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
      }
      String state = query.remove("state");
      return new Callback(state == null ? "" : state, query);
    }

    String code() {
      return answer.getOrDefault("duo_code", "");
    }

    Callback withCode(String code) {
      return with("duo_code", code);
    }

    Callback withError(String error, String description) {
      return with("error", error).with("error_description", description);
    }

    Callback with(String name, String value) {
      Map<String, String> changed = new HashMap<>(answer);
      changed.put(name, value);
      return new Callback(state, changed);
    }

    Callback without(String name) {
      Map<String, String> changed = new HashMap<>(answer);
      changed.remove(name);
      return new Callback(state, changed);
    }
  }

  private final InMemoryDuoGateway duo = new InMemoryDuoGateway(CLIENT_ID, SECRET);
  private final SteerableDuo gateway = new SteerableDuo(duo);
  private final DuoPanel panel = new DuoPanel(gateway);
  private final Stores stores = panel.stores;
  private final InMemorySessionStore sessions = (InMemorySessionStore) stores.sessions();
  private final InMemoryPendingSignIns pending = (InMemoryPendingSignIns) stores.pendingSignIns();
  private final InMemoryAuditLog audit = panel.audit;
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final SessionService sessionService =
      new SessionService(
          stores.operators(),
          hasher,
          stores.sessions(),
          stores.failedAttempts(),
          ThrottlePolicy.DEFAULT,
          new SecondFactorRequirement(
              panel.catalog, stores.plugins(), stores.totpCredentials(), stores.panelSettings()),
          SessionTimeouts.DEFAULT,
          audit,
          stores.unitOfWork(),
          panel.clock);
  private final PromptSignInService service =
      new PromptSignInService(
          sessionService,
          stores.sessions(),
          panel.catalog,
          stores.plugins(),
          stores.pendingSignIns(),
          panel.cipher,
          DuoPanel.PUBLIC_URL,
          stores.failedAttempts(),
          ThrottlePolicy.DEFAULT,
          audit,
          panel.clock);

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
    var operators =
        new PluginOperatorsService(
            panel.catalog, stores.plugins(), stores.operators(), audit, Mailer.none(), panel.clock);
    for (Operator o : List.of(ada, grace)) {
      stores.operators().add(o, hasher.hash(new Password(PASSWORD)));
      assertThat(
              operators.set(
                  new PluginOperatorCommand(panel.admin, DuoSecurityPlugin.ID, o.id(), true)))
          .isInstanceOf(PluginOperatorResult.Changed.class);
    }
  }

  // --- helpers

  private void failOpen() {
    panel.configure(Map.of(DuoSettings.FAIL_MODE, "open"));
  }

  /** Saves settings as stored, past the settings page's checks, as a database edit could. */
  private void saveDirectly(Map<String, SettingValue> values) {
    assertThat(
            stores.plugins().saveSettingsIfActive(DuoSecurityPlugin.ID, new PluginSettings(values)))
        .isTrue();
  }

  /** The operator passed their password; the session now waits for Duo's prompt. */
  private SessionToken passwordAccepted(Operator operator) {
    return passwordAccepted(operator.username().value());
  }

  private SessionToken passwordAccepted(String typedUsername) {
    var started =
        (SessionStarted)
            sessionService.signIn(
                new SignInCommand(typedUsername, new Password(PASSWORD), ADDRESS));
    assertThat(started.session().stage()).isEqualTo(SessionStage.AWAITING_SECOND_FACTOR);
    assertThat(started.session().secondFactor())
        .isEqualTo(SecondFactor.prompt(DuoSecurityPlugin.ID));
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

  /** Password accepted, sent to Duo, approved there: what the browser brings back. */
  private Callback approvedCallback(SessionToken token) {
    return Callback.from(duo.approve(promptFor(token)));
  }

  private PromptCallbackResult complete(SessionToken token, Callback callback) {
    return service.complete(
        new PromptCallbackCommand(
            Optional.of(token), callback.state(), callback.answer(), ADDRESS));
  }

  private static Rejected assertRejected(
      PromptCallbackResult result, Reason reason, String message) {
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.message()).isEqualTo(message);
    return rejected;
  }

  private static void assertRefused(PromptStartResult result, boolean unavailable, String message) {
    assertThat(result).isEqualTo(new Refused(unavailable, message));
  }

  /** Nobody is signed in, half or fully, and none of the tokens works any more. */
  private void assertNoSession(SessionToken... tokens) {
    assertThat(sessions.size()).isZero();
    for (SessionToken token : tokens) {
      assertThat(sessionService.resume(token)).isEmpty();
    }
  }

  private List<AuditEvent> events(AuditEventType type) {
    return panel.events(type);
  }

  private AuditEvent lastFailure() {
    List<AuditEvent> failures = events(AuditEventType.SECOND_FACTOR_FAILED);
    assertThat(failures).isNotEmpty();
    return failures.getLast();
  }

  /** The last refusal was audited for Duo and the operator, with this reason. */
  private String failureReason() {
    AuditEvent failure = lastFailure();
    assertThat(failure.details()).containsEntry("factor", FACTOR);
    assertThat(failure.subject()).isEqualTo(ada.id().toString());
    return failure.details().get("reason");
  }

  // --- the journey

  @Test
  void journey_startRedirectCallbackSignsInUnderANewToken() {
    SessionToken token = passwordAccepted(ada);

    URI location = promptFor(token);
    assertThat(location.getHost()).isEqualTo(HOST);
    PromptCallbackResult result = complete(token, Callback.from(duo.approve(location)));

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
  void journey_isAuditedAsASignInWithDuoAndItsTransaction() {
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    AuditEvent event = audit.all().getLast();
    assertThat(event.type()).isEqualTo(AuditEventType.SIGN_IN_SUCCEEDED);
    assertThat(event.details())
        .containsEntry("second_factor", "duo")
        .containsEntry("duo_factor", "duo_push")
        .hasEntrySatisfying("duo_transaction", transaction -> assertThat(transaction).isNotBlank());
    assertThat(event.subject()).isEqualTo(ada.id().toString());
    assertThat(event.actor().operator()).contains(ada.id());
    assertThat(event.actor().clientAddress()).isEqualTo(ADDRESS);
    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).isEmpty();
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void journey_talksToDuoWithTheSavedSettingsAndDuosOwnCallbackAddress() {
    panel.configure(
        Map.of(
            DuoSettings.PROXY_HOST, PROXY,
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
              assertThat(connection.proxy()).contains(new DuoConnection.Proxy(PROXY, 3128));
              assertThat(connection.extraCertificatePins()).containsExactly(PIN);
            });
  }

  @Test
  void callbackPaths_includeTheAddressThatDuoApplicationsAlreadyKnow() {
    assertThat(service.callbackPaths()).contains(DuoPromptMethod.CALLBACK_PATH, "/login/callback");
    assertThat(CALLBACK.getPath()).isEqualTo(DuoPromptMethod.CALLBACK_PATH);
  }

  @Test
  void journey_aStateUsedASecondTimeIsNotSentToDuoAgain() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    SignedIn signedIn = (SignedIn) complete(token, callback);

    assertThat(complete(token, callback)).isInstanceOf(Rejected.class);

    assertThat(gateway.exchanges).isEqualTo(1);
    assertThat(sessionService.resume(signedIn.token())).isPresent();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).hasSize(1);
  }

  @Test
  void journey_anExpiredStateIsNotSentToDuo() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    panel.clock.advance(PromptSignInService.STATE_LIFETIME);

    assertThat(complete(token, callback))
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.EXPIRED));
    assertNoSession(token);
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void journey_aStateBroughtBackByAnotherBrowserIsNotSentToDuo() {
    SessionToken victim = passwordAccepted(ada);
    Callback callback = approvedCallback(victim);
    SessionToken other = passwordAccepted(grace);

    assertThat(complete(other, callback))
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.OTHER_BROWSER));
    assertNoSession(victim, other);
    assertThat(gateway.exchanges).isZero();
  }

  // --- the name sent to Duo

  @Test
  void username_sentToDuoIsTheUsernameByDefault() {
    SessionToken token = passwordAccepted(ada);

    complete(token, approvedCallback(token));

    assertThat(gateway.promptedUsernames).containsExactly("ada");
    assertThat(gateway.exchangedUsernames).containsExactly("ada");
  }

  @Test
  void username_sentToDuoIsTheLowerCaseEmailAddressWhenChosen() {
    panel.configure(Map.of(DuoSettings.USERNAME_SOURCE, "email"));
    SessionToken token = passwordAccepted(ada);

    PromptCallbackResult result = complete(token, approvedCallback(token));

    assertThat(gateway.promptedUsernames).containsExactly("ada.lovelace@example.com");
    assertThat(gateway.exchangedUsernames).containsExactly("ada.lovelace@example.com");
    assertThat(result).isInstanceOf(SignedIn.class);
  }

  @Test
  void username_isTheSameWhateverCaseTheOperatorTypedAtSignIn() {
    SessionToken token = passwordAccepted("  ADA ");

    complete(token, approvedCallback(token));

    assertThat(gateway.promptedUsernames).containsExactly("ada");
  }

  // --- start refused before Duo is asked

  @Test
  void start_isRefusedAndEndsTheSessionWhileTheSettingsAreIncomplete() {
    SessionToken token = passwordAccepted(ada);
    saveDirectly(Map.of(DuoSettings.CLIENT_ID, new SettingValue(CLIENT_ID, false)));

    assertRefused(start(token), false, DuoPromptMethod.NOT_CONFIGURED);
    assertNoSession(token);
    assertThat(gateway.healthChecks).isZero();
    assertThat(failureReason()).startsWith("refused: not_configured");
  }

  @Test
  void start_isRefusedWhileTheSettingsAreIncompleteEvenWhenFailingOpen() {
    SessionToken token = passwordAccepted(ada);
    saveDirectly(
        Map.of(
            DuoSettings.FAIL_MODE, new SettingValue("open", false),
            DuoSettings.CLIENT_ID, new SettingValue(CLIENT_ID, false),
            DuoSettings.API_HOSTNAME, new SettingValue(HOST, false)));
    duo.inject(Fault.DOWN);

    assertRefused(start(token), false, DuoPromptMethod.NOT_CONFIGURED);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SECOND_FACTOR_FAILED)).hasSize(1);
  }

  @Test
  void start_isRefusedWhenNothingIsSavedAnyMore() {
    SessionToken token = passwordAccepted(ada);
    saveDirectly(Map.of());

    assertRefused(start(token), false, DuoPromptMethod.NOT_CONFIGURED);
    assertNoSession(token);
  }

  @Test
  void start_isRefusedWhenTheSavedSecretCannotBeDecryptedEvenWhenFailingOpen() {
    failOpen();
    Map<String, SettingValue> values =
        new HashMap<>(stores.plugins().settings(DuoSecurityPlugin.ID).values());
    values.put(DuoSettings.CLIENT_SECRET, new SettingValue("fake:00112233445566778899", true));
    saveDirectly(values);
    SessionToken token = passwordAccepted(ada);

    assertThat(start(token))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.unavailable()).isFalse());
    assertNoSession(token);
    assertThat(gateway.healthChecks).isZero();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void start_isRefusedWhenThePluginWasDeactivatedAfterThePasswordEvenWhenFailingOpen() {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    panel.deactivate();

    assertThat(start(token))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.unavailable()).isFalse());
    assertNoSession(token);
    assertThat(gateway.healthChecks).isZero();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void start_isRefusedWhenThePluginIsUninstalledDuringTheHealthCheck() {
    SessionToken token = passwordAccepted(ada);
    gateway.duringHealthCheck =
        () ->
            stores
                .plugins()
                .transition(DuoSecurityPlugin.ID, PluginState.ACTIVE, PluginState.AVAILABLE);

    assertThat(start(token))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.unavailable()).isFalse());
    assertNoSession(token);
    assertThat(pending.size()).isZero();
    assertThat(failureReason()).isNotBlank();
  }

  // --- the fail mode at the health check

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503"})
  void failClosed_refusesWhenTheHealthCheckFails(Fault fault) {
    duo.inject(fault);
    SessionToken token = passwordAccepted(ada);

    assertRefused(start(token), true, DuoPromptMethod.UNAVAILABLE);
    assertNoSession(token);
    assertThat(pending.size()).isZero();
    assertThat(gateway.promptedUsernames).isEmpty();
    assertThat(failureReason()).startsWith("unavailable: ");
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = DuoGateway.Failure.class,
      names = {"UNREACHABLE", "SERVICE_ERROR", "INVALID_CONFIGURATION"})
  void failClosed_auditsWhichFailureStoppedTheSignIn(DuoGateway.Failure failure) {
    duo.inject(
        switch (failure) {
          case UNREACHABLE -> Fault.DOWN;
          case SERVICE_ERROR -> Fault.HTTP_500;
          default -> Fault.STAT_FAIL;
        });
    SessionToken token = passwordAccepted(ada);

    start(token);

    assertThat(failureReason()).contains(failure.name().toLowerCase(Locale.ROOT));
  }

  @Test
  void failClosed_refusesWhenDuoRefusesTheSavedCredentials() {
    panel.configure(Map.of(DuoSettings.CLIENT_SECRET, WRONG_SECRET));
    SessionToken token = passwordAccepted(ada);

    assertRefused(start(token), false, DuoPromptMethod.CREDENTIALS_REJECTED);
    assertNoSession(token);
    assertThat(failureReason())
        .isEqualTo("refused: invalid_configuration: Duo refuses the client.");
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"HTTP_429", "HTTP_400", "MALFORMED_JSON", "STAT_FAIL"})
  void failOpen_refusesWhenTheHealthCheckAnswerRefusesOrCannotBeRead(Fault fault) {
    failOpen();
    duo.inject(fault);
    SessionToken token = passwordAccepted(ada);

    PromptStartResult result = start(token);

    switch (fault) {
      case HTTP_429 -> assertRefused(result, true, DuoPromptMethod.RATE_LIMITED);
      case STAT_FAIL -> assertRefused(result, false, DuoPromptMethod.CREDENTIALS_REJECTED);
      default -> assertRefused(result, false, DuoPromptMethod.DUO_REFUSED);
    }
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(failureReason())
        .startsWith(
            switch (fault) {
              case HTTP_429 -> "unavailable: rate_limited: ";
              case STAT_FAIL -> "refused: invalid_configuration: ";
              case HTTP_400 -> "refused: request_refused: ";
              default -> "refused: malformed_answer: ";
            });
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503"})
  void failOpen_signsInWithoutDuoWhenTheHealthCheckFails(Fault fault) {
    failOpen();
    duo.inject(fault);
    SessionToken token = passwordAccepted(ada);

    PromptStartResult result = start(token);

    assertThat(result).isInstanceOf(SignedInWithoutSecondFactor.class);
    SignedInWithoutSecondFactor signedIn = (SignedInWithoutSecondFactor) result;
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
    duo.inject(Fault.DOWN);
    SessionToken token = passwordAccepted(ada);

    start(token);

    AuditEvent skipped = events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN).getLast();
    assertThat(skipped.subject()).isEqualTo(ada.id().toString());
    assertThat(skipped.details())
        .containsEntry("factor", FACTOR)
        .containsEntry("failure", "unreachable")
        .containsEntry("detail", "Duo is failing ([DOWN]).");
    AuditEvent succeeded = audit.all().getLast();
    assertThat(succeeded.type()).isEqualTo(AuditEventType.SIGN_IN_SUCCEEDED);
    assertThat(succeeded.details())
        .containsEntry("second_factor", "none: " + FACTOR + " unavailable, fail open");
  }

  @Test
  void failOpen_doesNotSkipDuoWhileDuoIsUp() {
    failOpen();
    SessionToken token = passwordAccepted(ada);

    assertThat(start(token)).isInstanceOf(Redirect.class);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void failOpen_stillRefusesWhenDuoRefusesTheSavedCredentials() {
    failOpen();
    duo.inject(Fault.STAT_FAIL);
    SessionToken token = passwordAccepted(ada);

    assertRefused(start(token), false, DuoPromptMethod.CREDENTIALS_REJECTED);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(failureReason()).startsWith("refused: invalid_configuration: ");
  }

  // --- the fail mode when the prompt cannot be made

  @ParameterizedTest
  @EnumSource(DuoGateway.Failure.class)
  void failClosed_refusesWhenThePromptCannotBeMade(DuoGateway.Failure failure) {
    gateway.promptAnswer = new DuoGateway.Prompt.Unavailable(failure, "no prompt");
    SessionToken token = passwordAccepted(ada);

    assertThat(start(token)).isInstanceOf(Refused.class);
    assertNoSession(token);
    assertThat(pending.size()).as("no state is kept").isZero();
    assertThat(failureReason())
        .contains(failure.name().toLowerCase(Locale.ROOT))
        .contains("no prompt");
  }

  /** Only an outage is excused; whatever refuses the request or cannot be read is not. */
  @ParameterizedTest
  @EnumSource(
      value = DuoGateway.Failure.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"UNREACHABLE", "SERVICE_ERROR"})
  void failOpen_stillRefusesWhenThePromptCannotBeMadeForAnythingButAnOutage(
      DuoGateway.Failure failure) {
    failOpen();
    gateway.promptAnswer = new DuoGateway.Prompt.Unavailable(failure, "no prompt");
    SessionToken token = passwordAccepted(ada);

    PromptStartResult result = start(token);

    switch (failure) {
      case RATE_LIMITED -> assertRefused(result, true, DuoPromptMethod.RATE_LIMITED);
      case INVALID_CONFIGURATION ->
          assertRefused(result, false, DuoPromptMethod.CREDENTIALS_REJECTED);
      default -> assertRefused(result, false, DuoPromptMethod.DUO_REFUSED);
    }
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = DuoGateway.Failure.class,
      names = {"UNREACHABLE", "SERVICE_ERROR"})
  void failOpen_signsInWithoutDuoWhenThePromptCannotBeMade(DuoGateway.Failure failure) {
    failOpen();
    gateway.promptAnswer = new DuoGateway.Prompt.Unavailable(failure, "no prompt");
    SessionToken token = passwordAccepted(ada);

    assertThat(start(token)).isInstanceOf(SignedInWithoutSecondFactor.class);
    assertThat(sessionService.resume(token)).isEmpty();
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(pending.size()).isZero();
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN).getLast().details())
        .containsEntry("failure", failure.name().toLowerCase(Locale.ROOT));
  }

  // --- after the redirect: the exchange

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503", "HTTP_429"})
  void failClosed_rejectsTheCallbackWhenTheExchangeCannotReachDuo(Fault fault) {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    duo.inject(fault);

    PromptCallbackResult result = complete(token, callback);

    assertRejected(result, Reason.UNAVAILABLE, DuoPromptMethod.UNAVAILABLE_AT_CALLBACK);
    assertNoSession(token);
    assertThat(failureReason()).startsWith("unavailable: duo_unavailable: ");
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  /** After the redirect no failure is an outage to excuse: the browser was sent to a live Duo. */
  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"DOWN", "SLOW", "HTTP_500", "HTTP_503", "HTTP_429", "HTTP_400", "MALFORMED_JSON"})
  void failOpen_rejectsTheCallbackWhateverTheExchangeFailure(Fault fault) {
    failOpen();
    for (boolean junk : List.of(true, false)) {
      duo.clearFaults();
      SessionToken token = passwordAccepted(ada);
      Callback callback = approvedCallback(token);
      duo.inject(fault);

      PromptCallbackResult result = complete(token, junk ? callback.withCode("junk") : callback);

      switch (fault) {
        case HTTP_400, MALFORMED_JSON -> {
          assertRejected(result, Reason.REFUSED, DuoPromptMethod.NOT_VERIFIED);
          assertThat(failureReason()).startsWith("refused: invalid_response: ");
        }
        default -> {
          assertRejected(result, Reason.UNAVAILABLE, DuoPromptMethod.UNAVAILABLE_AT_CALLBACK);
          assertThat(failureReason()).startsWith("unavailable: duo_unavailable: ");
        }
      }
      assertNoSession(token);
    }
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void failOpen_doesNotApplyWhenDuoRefusesTheCredentialsAtTheExchange() {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    duo.inject(Fault.STAT_FAIL);

    assertRejected(
        complete(token, callback),
        Reason.REFUSED,
        DuoPromptMethod.CREDENTIALS_REJECTED_AT_CALLBACK);
    assertNoSession(token);
    assertThat(failureReason()).startsWith("refused: credentials_rejected: INVALID_CONFIGURATION ");
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  // --- after the redirect: the settings meanwhile

  @Test
  void callback_isRejectedWhenThePluginWasDeactivatedMeanwhileEvenWhenFailingOpen() {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    panel.deactivate();

    assertThat(complete(token, callback))
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.SETTINGS_CHANGED));
    assertNoSession(token);
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_isRejectedWhenTheSettingsBecameIncompleteMeanwhile() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    saveDirectly(Map.of(DuoSettings.CLIENT_ID, new SettingValue(CLIENT_ID, false)));

    assertRejected(complete(token, callback), Reason.REFUSED, DuoPromptMethod.SETTINGS_CHANGED);
    assertNoSession(token);
    assertThat(failureReason()).isEqualTo("refused: settings_changed: not configured");
    assertThat(gateway.exchanges).isZero();
  }

  // --- after the redirect: Duo's answer

  @Test
  void callback_rejectsAnErrorSentBackByDuo() {
    duo.inject(Fault.ERROR_REDIRECT);
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    assertThat(callback.answer()).containsEntry("error", "access_denied");

    assertRejected(complete(token, callback), Reason.REFUSED, DuoPromptMethod.DUO_ERROR);
    assertNoSession(token);
    assertThat(failureReason()).isEqualTo("refused: duo_error: access_denied: Access denied");
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_rejectsAnErrorEvenWhenACodeCameWithIt() {
    SessionToken token = passwordAccepted(ada);
    Callback callback =
        approvedCallback(token).withError("server_error", "<script>alert(1)</script>");

    assertRejected(complete(token, callback), Reason.REFUSED, DuoPromptMethod.DUO_ERROR);
    assertNoSession(token);
    assertThat(gateway.exchanges).isZero();
  }

  @Test
  void callback_rejectsAnErrorEvenWhenFailingOpen() {
    failOpen();
    duo.inject(Fault.ERROR_REDIRECT);
    SessionToken token = passwordAccepted(ada);

    assertRejected(
        complete(token, approvedCallback(token)), Reason.REFUSED, DuoPromptMethod.DUO_ERROR);
    assertNoSession(token);
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
  }

  @Test
  void callback_rejectsASignInDuoDenied() {
    duo.deny("ada");
    SessionToken token = passwordAccepted(ada);

    assertRejected(
        complete(token, approvedCallback(token)), Reason.REFUSED, DuoPromptMethod.DENIED);
    assertNoSession(token);
    assertThat(failureReason()).isEqualTo("refused: denied: Login denied");
  }

  @Test
  void callback_rejectsASignInTheOperatorDeclinedOnThePrompt() {
    SessionToken token = passwordAccepted(ada);

    PromptCallbackResult result = complete(token, Callback.from(duo.decline(promptFor(token))));

    assertRejected(result, Reason.REFUSED, DuoPromptMethod.DENIED);
    assertNoSession(token);
  }

  /** Only an answer for the very name sent to Duo passes, not even the same name in capitals. */
  @ParameterizedTest
  @ValueSource(strings = {"grace", "ADA"})
  void callback_rejectsAnAnswerForAnotherUser(String confirmed) {
    gateway.exchangeAnswer =
        answer ->
            new DuoGateway.Result.Verified(
                confirmed, true, "Login Successful", "txn-1", "duo_push");
    SessionToken token = passwordAccepted(ada);

    assertRejected(
        complete(token, approvedCallback(token)), Reason.REFUSED, DuoPromptMethod.NOT_VERIFIED);
    assertNoSession(token);
    assertThat(failureReason()).isEqualTo("refused: wrong_user: duo answered for " + confirmed);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"BAD_SIGNATURE", "WRONG_ISS", "WRONG_AUD", "WRONG_USER", "EXPIRED"})
  void callback_rejectsAnAnswerThatDoesNotVerifyEvenWhenFailingOpen(Fault fault) {
    failOpen();
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);
    duo.inject(fault);

    assertRejected(complete(token, callback), Reason.REFUSED, DuoPromptMethod.NOT_VERIFIED);
    assertNoSession(token);
    assertThat(failureReason()).startsWith("refused: invalid_response: INVALID_RESPONSE ");
    assertThat(events(AuditEventType.SECOND_FACTOR_SKIPPED_FAIL_OPEN)).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_SUCCEEDED)).isEmpty();
  }

  @Test
  void callback_rejectsATamperedCode() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    assertRejected(
        complete(token, callback.withCode(callback.code() + "0")),
        Reason.REFUSED,
        DuoPromptMethod.NOT_VERIFIED);
    assertNoSession(token);
    assertThat(failureReason()).startsWith("refused: invalid_response: ");
  }

  @Test
  void callback_rejectsAMissingCodeWithoutAskingDuo() {
    SessionToken token = passwordAccepted(ada);

    assertRejected(
        complete(token, approvedCallback(token).without("duo_code")),
        Reason.REFUSED,
        DuoPromptMethod.NOT_VERIFIED);
    assertNoSession(token);
    assertThat(failureReason()).isEqualTo("refused: invalid_response: no usable code");
    assertThat(gateway.exchanges).isZero();
  }

  /** A code longer than any Duo sends is refused without a round trip to Duo. */
  @ParameterizedTest
  @CsvSource({"1024, 1", "1025, 0"})
  void callback_sendsToDuoOnlyCodesUpToTheLongestLength(int length, int exchanges) {
    SessionToken token = passwordAccepted(ada);

    assertRejected(
        complete(token, approvedCallback(token).withCode("c".repeat(length))),
        Reason.REFUSED,
        DuoPromptMethod.NOT_VERIFIED);
    assertNoSession(token);
    assertThat(gateway.exchanges).isEqualTo(exchanges);
  }

  @Test
  void callback_acceptsTheCodeUnderItsOAuthName() {
    SessionToken token = passwordAccepted(ada);
    Callback callback = approvedCallback(token);

    PromptCallbackResult result =
        complete(token, callback.without("duo_code").with("code", callback.code()));

    assertThat(result).isInstanceOf(SignedIn.class);
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
  void neverWritesTheClientSecretIntoTheAuditLog() {
    failOpen();
    SessionToken first = passwordAccepted(ada);
    complete(first, approvedCallback(first));
    duo.inject(Fault.DOWN);
    SessionToken second = passwordAccepted(ada);
    start(second);

    assertThat(audit.all())
        .allSatisfy(event -> assertThat(event.toString()).doesNotContain(SECRET));
  }
}
