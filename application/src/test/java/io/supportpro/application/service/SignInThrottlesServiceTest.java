package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult;
import io.supportpro.application.port.in.ThrottleEntry;
import io.supportpro.application.testing.FakePasswordHasher;
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
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottlesServiceTest {
  private static final PageRequest FIRST_PAGE = new PageRequest(1, 20);

  private final Actor admin = actingAs(administrator("root"));
  private final MutableClock clock = MutableClock.atStart();
  private final InMemoryFailedAttempts attempts = new InMemoryFailedAttempts();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final SignInThrottlesService service =
      new SignInThrottlesService(attempts, operators, ThrottlePolicy.DEFAULT, audit, clock);

  private void fail(ThrottleKey key) {
    attempts.recordFailure(key, clock.now(), ThrottlePolicy.DEFAULT.forgetBefore(clock.now()));
  }

  private List<ThrottleKey> listedKeys() {
    return service.list(FIRST_PAGE).items().stream().map(entry -> entry.state().key()).toList();
  }

  @Test
  void list_showsKeysWithRecentFailuresTheMostRecentFirst() {
    fail(ThrottleKey.account("ada"));
    clock.advance(Duration.ofMinutes(1));
    fail(ThrottleKey.address("192.0.2.10"));
    clock.advance(Duration.ofMinutes(1));
    fail(ThrottleKey.account("bob"));

    assertThat(listedKeys())
        .containsExactly(
            ThrottleKey.account("bob"),
            ThrottleKey.address("192.0.2.10"),
            ThrottleKey.account("ada"));
  }

  @Test
  void list_showsTheCountsAndLocks() {
    ThrottleKey ada = ThrottleKey.account("ada");
    fail(ada);
    fail(ada);
    Instant until = clock.now().plusSeconds(30);
    attempts.lockUntil(ada, until);

    ThrottleState listed = service.list(FIRST_PAGE).items().getFirst().state();

    assertThat(listed.failures()).isEqualTo(2);
    assertThat(listed.lockedUntil()).contains(until);
    assertThat(listed.lastFailureAt()).isEqualTo(clock.now());
  }

  @Test
  void list_namesTheOperatorThatAKeyCounts() {
    Operator ada = operator("ada");
    operators.add(ada, new FakePasswordHasher().hash(new Password("violet-Harbour-47-kettle")));
    fail(ThrottleKey.account(ada.id().toString()));
    fail(ThrottleKey.secondFactor(ada.id().toString()));
    fail(ThrottleKey.account("nobody"));
    fail(ThrottleKey.account("0b9f2c8e-6a44-4d0b-9c55-2f1f0e7f4a11"));

    assertThat(service.list(FIRST_PAGE).items())
        .extracting(entry -> entry.state().key().value(), ThrottleEntry::username)
        .containsExactlyInAnyOrder(
            tuple(ada.id().toString(), Optional.of("ada")),
            tuple(ada.id().toString(), Optional.of("ada")),
            tuple("nobody", Optional.empty()),
            tuple("0b9f2c8e-6a44-4d0b-9c55-2f1f0e7f4a11", Optional.empty()));
  }

  @Test
  void list_leavesOutKeysWhoseLastFailureIsOlderThanTheWindow() {
    fail(ThrottleKey.account("old"));
    clock.advance(Duration.ofMinutes(1));
    fail(ThrottleKey.account("edge")); // exactly one window before the listing: still shown
    clock.advance(Duration.ofMinutes(60));
    fail(ThrottleKey.account("new"));

    assertThat(listedKeys())
        .containsExactly(ThrottleKey.account("new"), ThrottleKey.account("edge"));
  }

  @Test
  void list_nothingWhenNothingFailed() {
    Page<ThrottleEntry> page = service.list(FIRST_PAGE);

    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isZero();
  }

  @Test
  void list_isPaged() {
    for (int i = 0; i < 5; i++) {
      fail(ThrottleKey.account("name-" + i));
      clock.advance(Duration.ofSeconds(1));
    }

    Page<ThrottleEntry> second = service.list(new PageRequest(2, 2));

    assertThat(second.total()).isEqualTo(5);
    assertThat(second.items())
        .extracting(entry -> entry.state().key())
        .containsExactly(ThrottleKey.account("name-2"), ThrottleKey.account("name-1"));
  }

  @Test
  void clear_forgetsTheKeyAndAuditsIt() {
    ThrottleKey ada = ThrottleKey.account("ada");
    fail(ada);

    service.clear(admin, ada);

    assertThat(attempts.find(List.of(ada))).isEmpty();
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.SIGN_IN_THROTTLE_CLEARED,
                admin,
                "ada",
                Map.of("kind", "account")));
  }

  @Test
  void clear_namesTheKindOfKeyInTheAudit() {
    service.clear(admin, ThrottleKey.address("192.0.2.10"));
    service.clear(admin, ThrottleKey.secondFactor("0b9f2c8e-6a44-4d0b-9c55-2f1f0e7f4a11"));

    assertThat(audit.all())
        .extracting(AuditEvent::subject, AuditEvent::details)
        .containsExactly(
            tuple("192.0.2.10", Map.of("kind", "address")),
            tuple("0b9f2c8e-6a44-4d0b-9c55-2f1f0e7f4a11", Map.of("kind", "second_factor")));
  }

  @Test
  void clear_leavesOtherKeysAlone() {
    fail(ThrottleKey.account("ada"));
    fail(ThrottleKey.address("192.0.2.10"));
    fail(ThrottleKey.secondFactor("ada"));

    service.clear(admin, ThrottleKey.account("ada"));

    assertThat(listedKeys())
        .containsExactlyInAnyOrder(
            ThrottleKey.address("192.0.2.10"), ThrottleKey.secondFactor("ada"));
  }

  @Test
  void clear_letsALockedAccountSignInAtOnce() {
    var hasher = new FakePasswordHasher();
    Operator ada = operator("ada");
    operators.add(ada, hasher.hash(new Password("violet-Harbour-47-kettle")));
    var plugins = new InMemoryPluginRepository();
    var totp = new InMemoryTotpCredentials();
    var signIn =
        new SessionService(
            operators,
            hasher,
            new InMemorySessionStore(),
            attempts,
            ThrottlePolicy.DEFAULT,
            new SecondFactorRequirement(
                new InMemoryPluginCatalog(List.of()), plugins, totp, new InMemoryPanelSettings()),
            SessionTimeouts.DEFAULT,
            audit,
            new InMemoryUnitOfWork(),
            clock);
    for (int i = 0; i < 5; i++) {
      signIn.signIn(new SignInCommand("ada", new Password("wrong"), "203.0.113." + i));
    }
    var right = new SignInCommand("ada", new Password("violet-Harbour-47-kettle"), "192.0.2.99");
    assertThat(signIn.signIn(right)).isInstanceOf(SignInResult.Throttled.class);

    service.clear(admin, ThrottleKey.account(ada.id().toString()));

    assertThat(signIn.signIn(right)).isInstanceOf(SignInResult.SessionStarted.class);
  }
}
