package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;

import io.supportpro.application.port.in.CodeCommand;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult.SessionStarted;
import io.supportpro.application.port.in.TotpSetup;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.testing.FakeCodePlugin;
import io.supportpro.application.testing.FakePasswordHasher;
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
import io.supportpro.application.testing.InMemoryUnitOfWork;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.secondfactor.RecoveryCode;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of the services that check an operator's codes share: the in-memory ports, an
 * operator who signs in with the password, an authenticator app enrolled as if long ago with the
 * codes it shows at the clock's time, and the code step of sign-in.
 */
abstract class CodeServiceTestBase {
  static final String PASSWORD = "violet-Harbour-47-kettle";
  static final String ADDRESS = "192.0.2.10";
  static final String OTHER_ADDRESS = "198.51.100.7";
  static final String WRONG_CODE = "totp.wrong-code";
  static final String REPLAYED_CODE = "totp.replayed-code";
  static final String MALFORMED_CODE = "totp.malformed-code";
  static final String WRONG_RECOVERY_CODE = "totp.wrong-recovery-code";

  final MutableClock clock = MutableClock.atStart();
  final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  final FakePasswordHasher hasher = new FakePasswordHasher();
  final InMemorySessionStore sessions = new InMemorySessionStore();
  final InMemoryFailedAttempts attempts = new InMemoryFailedAttempts();
  final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  final InMemoryTotpCredentials totp = new InMemoryTotpCredentials();
  final InMemoryPanelSettings settings = new InMemoryPanelSettings();
  final FakeSecretCipher cipher = new FakeSecretCipher();
  final InMemoryAuditLog audit = new InMemoryAuditLog();
  // Shipped, but installed by no test that does not say so.
  final FakeCodePlugin codes = new FakeCodePlugin();
  final InMemoryPluginCatalog catalog =
      new InMemoryPluginCatalog(List.of(codes, new FakePromptPlugin()));
  final SessionService sessionService =
      new SessionService(
          operators,
          hasher,
          sessions,
          attempts,
          ThrottlePolicy.DEFAULT,
          new SecondFactorRequirement(catalog, plugins, totp, settings),
          SessionTimeouts.DEFAULT,
          audit,
          new InMemoryUnitOfWork(),
          clock);
  final CodeSignInService codeSignIn = codeSignIn(cipher);

  final Operator ada = operator("ada");

  /** An operator's confirmed authenticator app and the recovery codes shown to them. */
  record Enrolled(TotpSecret secret, List<String> recoveryCodes) {}

  @BeforeEach
  void addAda() {
    operators.add(ada, hasher.hash(new Password(PASSWORD)));
  }

  /** The code step of sign-in, reading secrets through the cipher. */
  final CodeSignInService codeSignIn(SecretCipher readingSecrets) {
    return new CodeSignInService(
        sessionService,
        sessions,
        totp,
        catalog,
        plugins,
        readingSecrets,
        attempts,
        ThrottlePolicy.DEFAULT,
        audit,
        clock);
  }

  final SessionStarted started(Operator operator) {
    return (SessionStarted)
        sessionService.signIn(
            new SignInCommand(operator.username().value(), new Password(PASSWORD), ADDRESS));
  }

  final SessionToken signIn() {
    return started(ada).token();
  }

  /** Enrols the operator as if they had done it a while ago. */
  final Enrolled enrol(Operator operator) {
    return enrol(operator, TotpSecret.random(), RecoveryCode.generate(), cipher);
  }

  /** Enrols the operator with this secret and these codes, the secret under {@code key}. */
  final Enrolled enrol(
      Operator operator, TotpSecret secret, List<String> recoveryCodes, SecretCipher key) {
    SessionKey earlier = SessionToken.random().key();
    String encrypted = key.encrypt(secret.base32());
    totp.savePending(operator.id(), earlier, encrypted, clock.now());
    totp.confirm(
        operator.id(),
        earlier,
        encrypted,
        Totp.step(clock.now()) - 10,
        recoveryCodes.stream().map(c -> RecoveryCode.hash(c).orElseThrow()).toList());
    return new Enrolled(secret, recoveryCodes);
  }

  final String code(TotpSecret secret) {
    return code(secret, 0);
  }

  final String code(TotpSecret secret, long stepsFromNow) {
    return Totp.code(secret, Totp.step(clock.now()) + stepsFromNow);
  }

  final String code(TotpSetup setup) {
    return code(TotpSecret.fromBase32(setup.secret()));
  }

  /** Six digits that are none of the codes accepted now. */
  final String wrongCode(TotpSecret secret) {
    Set<String> accepted = new HashSet<>();
    LongStream.rangeClosed(-1, 1).forEach(n -> accepted.add(code(secret, n)));
    for (int i = 0; ; i++) {
      String candidate = String.format("%06d", i);
      if (!accepted.contains(candidate)) {
        return candidate;
      }
    }
  }

  final CodeCommand command(SessionToken token, String code) {
    return new CodeCommand(token, code, ADDRESS);
  }

  /** Types the code at the sign-in's code step. */
  final CodeResult pass(SessionToken token, String code) {
    return codeSignIn.passSecondFactor(command(token, code));
  }

  final OptionalLong lastUsedStep() {
    return totp.find(ada.id()).orElseThrow().lastUsedStep();
  }

  final Optional<ThrottleState> throttleState(ThrottleKey key) {
    return attempts.find(List.of(key)).stream().findFirst();
  }

  final ThrottleKey adaSecondFactor() {
    return ThrottleKey.secondFactor(ada.id().toString());
  }

  final Actor adaActor() {
    return Actor.operator(ada.id(), "ada", ADDRESS);
  }

  final List<AuditEventType> auditTypes() {
    return audit.all().stream().map(AuditEvent::type).toList();
  }

  final List<AuditEvent> auditSince(int position) {
    return audit.all().subList(position, audit.all().size());
  }
}
