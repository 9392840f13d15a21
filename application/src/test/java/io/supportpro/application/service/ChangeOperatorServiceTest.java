package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.OperatorChangeResult;
import io.supportpro.application.port.in.OperatorChangeResult.Changed;
import io.supportpro.application.port.in.OperatorChangeResult.Invalid;
import io.supportpro.application.port.in.OperatorChangeResult.LastAdministrator;
import io.supportpro.application.port.in.OperatorChangeResult.NotFound;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.application.port.in.OperatorField;
import io.supportpro.application.port.in.TwoFactorResetResult;
import io.supportpro.application.port.in.UpdateOperatorCommand;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.application.testing.RecordingMailer;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.fixtures.SecondFactors;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionToken;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeOperatorServiceTest {
  private static final PasswordHash HASH = new PasswordHash("$test$hash");

  private final Operator root = administrator("root");
  private final Operator alice = operator("alice");
  private final Actor admin = actingAs(root);
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryTotpCredentials totp = new InMemoryTotpCredentials();
  private final RecordingMailer mailer = new RecordingMailer();
  private final ChangeOperatorService service =
      new ChangeOperatorService(operators, sessions, totp, audit, mailer, clock);

  @BeforeEach
  void setUp() {
    operators.add(root, HASH);
    operators.add(alice, HASH);
  }

  private Operator add(Operator operator) {
    operators.add(operator, HASH);
    return operator;
  }

  private OperatorChangeResult update(Operator who, String email, String name, String role) {
    return service.update(new UpdateOperatorCommand(admin, who.id(), email, name, role));
  }

  private OperatorChangeResult deactivate(Operator who) {
    return service.deactivate(new OperatorCommand(admin, who.id()));
  }

  private OperatorChangeResult reactivate(Operator who) {
    return service.reactivate(new OperatorCommand(admin, who.id()));
  }

  private Operator stored(Operator who) {
    return operators.findById(who.id()).orElseThrow();
  }

  @Test
  void update_storesTheNewProfileAndRole() {
    OperatorChangeResult result = update(alice, " Ada@Example.ORG ", " Ada L. ", "administrator");

    Operator expected =
        alice.withProfile(
            new EmailAddress("ada@example.org"), new DisplayName("Ada L."), Role.ADMINISTRATOR);
    assertThat(result).isEqualTo(new Changed(expected, NoticeEmail.SENT));
    assertThat(stored(alice)).isEqualTo(expected);
  }

  @Test
  void update_auditsEachChangeFromBeforeToAfter() {
    update(alice, "ada@example.org", "Ada L.", "administrator");

    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.OPERATOR_UPDATED,
                admin,
                alice.id().toString(),
                Map.of(
                    "username", "alice",
                    "email", "alice@example.com -> ada@example.org",
                    "display_name", "Operator alice -> Ada L.",
                    "role", "OPERATOR -> ADMINISTRATOR")));
  }

  @Test
  void update_auditsOnlyWhatChanged() {
    update(alice, "alice@example.com", "Alice Liddell", "operator");

    assertThat(audit.all().getLast().details())
        .isEqualTo(Map.of("username", "alice", "display_name", "Operator alice -> Alice Liddell"));
  }

  /**
   * Saves an edit of alice whose read of her is taken before {@code meanwhile} runs and whose write
   * comes after it, as when two administrators act at the same moment.
   */
  private OperatorChangeResult editReadBefore(
      Runnable meanwhile, String email, String name, String role) throws Exception {
    var read = new CyclicBarrier(2);
    var done = new CyclicBarrier(2);
    OperatorRepository pausing =
        (OperatorRepository)
            Proxy.newProxyInstance(
                OperatorRepository.class.getClassLoader(),
                new Class<?>[] {OperatorRepository.class},
                (proxy, method, arguments) -> {
                  Object result = method.invoke(operators, arguments);
                  if (method.getName().equals("findById")) {
                    read.await(10, TimeUnit.SECONDS);
                    done.await(10, TimeUnit.SECONDS);
                  }
                  return result;
                });
    var editing = new ChangeOperatorService(pausing, sessions, totp, audit, mailer, clock);
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<OperatorChangeResult> edit =
          pool.submit(
              () ->
                  editing.update(new UpdateOperatorCommand(admin, alice.id(), email, name, role)));
      read.await(10, TimeUnit.SECONDS);
      meanwhile.run();
      done.await(10, TimeUnit.SECONDS);
      return edit.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void update_readBeforeADeactivation_neverUndoesIt() throws Exception {
    OperatorChangeResult result =
        editReadBefore(
            () -> assertThat(deactivate(alice)).isInstanceOf(Changed.class),
            "alice@example.com",
            "Alice Liddell",
            "operator");

    Operator expected =
        alice
            .withProfile(alice.email(), new DisplayName("Alice Liddell"), alice.role())
            .withActive(false);
    assertThat(result).isEqualTo(new Changed(expected, NoticeEmail.NONE));
    assertThat(stored(alice)).isEqualTo(expected);
    assertThat(audit.all())
        .extracting(AuditEvent::type)
        .containsExactly(AuditEventType.OPERATOR_DEACTIVATED, AuditEventType.OPERATOR_UPDATED);
    assertThat(audit.all().getLast().details()).doesNotContainKey("active");
  }

  @Test
  void update_readBeforeAnotherAdministratorsRoleChange_keepsThatRole() throws Exception {
    OperatorChangeResult result =
        editReadBefore(
            () ->
                assertThat(update(alice, "alice@example.com", "Operator alice", "administrator"))
                    .isInstanceOf(Changed.class),
            "ada@example.org",
            "Operator alice",
            "operator");

    assertThat(result).isInstanceOf(Changed.class);
    assertThat(stored(alice).role()).isEqualTo(Role.ADMINISTRATOR);
    assertThat(stored(alice).email()).isEqualTo(new EmailAddress("ada@example.org"));
  }

  @Test
  void deactivate_racingEdits_alwaysLeavesTheOperatorInactiveAndSignedOut() throws Exception {
    for (int round = 0; round < 20; round++) {
      reactivate(alice);
      SessionToken token = SessionToken.random();
      sessions.create(Session.begin(token, alice.id(), SecondFactor.NONE, clock.now()));
      var barrier = new CyclicBarrier(4);
      List<Future<OperatorChangeResult>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
        results.add(
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return deactivate(alice);
                }));
        for (int i = 0; i < 3; i++) {
          String name = "Alice " + round + "." + i;
          results.add(
              pool.submit(
                  () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return update(alice, "alice@example.com", name, "operator");
                  }));
        }
        for (Future<OperatorChangeResult> result : results) {
          assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(Changed.class);
        }
      }
      assertThat(stored(alice).active()).as("round %d", round).isFalse();
      assertThat(sessions.find(token.key())).isEmpty();
    }
  }

  @Test
  void update_keepsAnInactiveOperatorInactive() {
    deactivate(alice);

    update(alice, "alice@example.com", "Alice", "operator");

    assertThat(stored(alice).active()).isFalse();
  }

  @Test
  void update_reportsEveryBadFieldAtOnceAndChangesNothing() {
    OperatorChangeResult result = update(alice, "not-an-address", " ", "boss");

    assertThat(result).isInstanceOf(Invalid.class);
    assertThat(((Invalid) result).problems())
        .containsOnlyKeys(OperatorField.EMAIL, OperatorField.DISPLAY_NAME, OperatorField.ROLE);
    assertThat(stored(alice)).isEqualTo(alice);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void update_treatsMissingFieldsAsEmpty() {
    OperatorChangeResult result =
        service.update(new UpdateOperatorCommand(admin, alice.id(), null, null, null));

    assertThat(((Invalid) result).problems())
        .containsOnlyKeys(OperatorField.EMAIL, OperatorField.DISPLAY_NAME, OperatorField.ROLE);
  }

  @Test
  void update_refusesAnEmailAnotherOperatorHasWithoutRegardToCase() {
    OperatorChangeResult result = update(alice, "ROOT@Example.com", "Alice", "operator");

    assertThat(messages(result))
        .isEqualTo(Map.of(OperatorField.EMAIL, "That e-mail address is already in use."));
    assertThat(stored(alice)).isEqualTo(alice);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void update_mayKeepTheOperatorsOwnEmail() {
    assertThat(update(alice, "ALICE@example.com", "Alice", "operator")).isInstanceOf(Changed.class);
  }

  @Test
  void update_ofAnUnknownOperatorIsNotFound() {
    Operator ghost = operator("ghost");

    assertThat(update(ghost, "ghost@example.com", "Ghost", "operator")).isEqualTo(new NotFound());
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void update_refusesToDemoteTheLastActiveAdministrator() {
    OperatorChangeResult result = update(root, "root@example.com", "Root", "operator");

    assertThat(result).isEqualTo(new LastAdministrator());
    assertThat(stored(root).role()).isEqualTo(Role.ADMINISTRATOR);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void update_refusesToDemoteTheLastActiveAdministratorWhenOthersAreInactive() {
    Operator retired = add(administrator("retired"));
    deactivate(retired);

    assertThat(update(root, "root@example.com", "Root", "operator"))
        .isEqualTo(new LastAdministrator());
  }

  @Test
  void update_demotesAnAdministratorWhileAnotherRemains() {
    Operator second = add(administrator("second"));

    OperatorChangeResult result = update(root, "root@example.com", "Root", "operator");

    assertThat(result).isInstanceOf(Changed.class);
    assertThat(stored(root).role()).isEqualTo(Role.OPERATOR);
    assertThat(operators.countActiveAdministrators()).isEqualTo(1);
    assertThat(stored(second).isActiveAdministrator()).isTrue();
  }

  @Test
  void update_letsTheLastAdministratorChangeTheirProfile() {
    OperatorChangeResult result = update(root, "boss@example.com", "The Boss", "administrator");

    assertThat(result).isInstanceOf(Changed.class);
    assertThat(stored(root).email()).isEqualTo(new EmailAddress("boss@example.com"));
  }

  @Test
  void deactivate_stopsTheOperatorAndAuditsIt() {
    OperatorChangeResult result = deactivate(alice);

    assertThat(result).isEqualTo(new Changed(alice.withActive(false), NoticeEmail.NONE));
    assertThat(stored(alice).active()).isFalse();
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.OPERATOR_DEACTIVATED,
                admin,
                alice.id().toString(),
                Map.of("username", "alice", "active", "true -> false")));
  }

  @Test
  void deactivate_refusesTheLastActiveAdministrator() {
    OperatorChangeResult result = deactivate(root);

    assertThat(result).isEqualTo(new LastAdministrator());
    assertThat(stored(root).active()).isTrue();
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void deactivate_anAdministratorWhileAnotherRemainsActive() {
    add(administrator("second"));

    assertThat(deactivate(root)).isInstanceOf(Changed.class);
    assertThat(operators.countActiveAdministrators()).isEqualTo(1);
  }

  @Test
  void deactivate_anInactiveAdministratorDoesNotCountAsTheLast() {
    Operator second = add(administrator("second"));
    deactivate(second);

    assertThat(deactivate(second)).isInstanceOf(Changed.class);
    assertThat(stored(root).isActiveAdministrator()).isTrue();
  }

  @Test
  void deactivate_ofAnUnknownOperatorIsNotFound() {
    assertThat(service.deactivate(new OperatorCommand(admin, OperatorId.random())))
        .isEqualTo(new NotFound());
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void reactivate_letsTheOperatorSignInAgainAndAuditsIt() {
    deactivate(alice);

    OperatorChangeResult result = reactivate(alice);

    assertThat(result).isEqualTo(new Changed(alice, NoticeEmail.NONE));
    assertThat(stored(alice).active()).isTrue();
    assertThat(audit.all().getLast())
        .isEqualTo(
            new AuditEvent(
                clock.now(),
                AuditEventType.OPERATOR_REACTIVATED,
                admin,
                alice.id().toString(),
                Map.of("username", "alice", "active", "false -> true")));
  }

  @Test
  void reactivate_ofAnUnknownOperatorIsNotFound() {
    assertThat(service.reactivate(new OperatorCommand(admin, OperatorId.random())))
        .isEqualTo(new NotFound());
  }

  @Test
  void reactivate_anAdministratorCountsTowardsTheActiveOnesAgain() {
    Operator second = add(administrator("second"));
    deactivate(second);

    reactivate(second);

    assertThat(operators.countActiveAdministrators()).isEqualTo(2);
    assertThat(deactivate(root)).isInstanceOf(Changed.class);
  }

  @Test
  void changes_areAuditedAtTheTimeTheyHappen() {
    deactivate(alice);
    clock.advance(Duration.ofMinutes(5));
    reactivate(alice);

    assertThat(audit.all())
        .extracting(AuditEvent::at)
        .containsExactly(
            MutableClock.atStart().now(), MutableClock.atStart().now().plus(Duration.ofMinutes(5)));
  }

  @Test
  void deactivate_endsEverySessionOfTheOperator() {
    SecondFactors.all()
        .forEach(
            factor ->
                sessions.create(
                    Session.begin(SessionToken.random(), alice.id(), factor, clock.now())));
    sessions.create(
        Session.begin(SessionToken.random(), root.id(), SecondFactor.NONE, clock.now()));

    service.deactivate(new OperatorCommand(admin, alice.id()));

    assertThat(sessions.size()).isEqualTo(1);
  }

  @Test
  void reset_removesTheAuthenticatorAndRecoveryCodesAndEndsSessions() {
    SessionKey enrolling = SessionToken.random().key();
    totp.savePending(alice.id(), enrolling, "v1:secret", clock.now());
    totp.confirm(alice.id(), enrolling, "v1:secret", 100, List.of("a".repeat(64)));
    sessions.create(
        Session.begin(SessionToken.random(), alice.id(), SecondFactor.TOTP, clock.now()));

    TwoFactorResetResult result = service.reset(new OperatorCommand(admin, alice.id()));

    assertThat(result).isEqualTo(new TwoFactorResetResult.Reset(alice, NoticeEmail.SENT));
    assertThat(totp.find(alice.id())).isEmpty();
    assertThat(totp.remainingRecoveryCodes(alice.id())).isZero();
    assertThat(sessions.size()).isZero();
    assertThat(audit.all())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(AuditEventType.TWO_FACTOR_RESET);
              assertThat(event.subject()).isEqualTo(alice.id().toString());
              assertThat(event.details())
                  .containsEntry("had_authenticator", "true")
                  .containsEntry("ended_sessions", "1");
            });
  }

  @Test
  void reset_ofAnUnknownOperatorChangesNothing() {
    assertThat(service.reset(new OperatorCommand(admin, OperatorId.random())))
        .isEqualTo(new TwoFactorResetResult.NotFound());
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void reset_removesASetUpUnderWay() {
    totp.savePending(alice.id(), SessionToken.random().key(), "v1:secret", clock.now());

    assertThat(service.reset(new OperatorCommand(admin, alice.id())))
        .isEqualTo(new TwoFactorResetResult.Reset(alice, NoticeEmail.SENT));
    assertThat(totp.find(alice.id())).isEmpty();
    assertThat(audit.all())
        .singleElement()
        .extracting(event -> event.type())
        .isEqualTo(AuditEventType.TWO_FACTOR_RESET);
  }

  @Test
  void reset_ofAnOperatorWithoutEnrolmentChangesNothingAndAuditsNothing() {
    sessions.create(
        Session.begin(SessionToken.random(), alice.id(), SecondFactor.NONE, clock.now()));

    assertThat(service.reset(new OperatorCommand(admin, alice.id())))
        .isEqualTo(new TwoFactorResetResult.NothingToReset(alice));
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void resetsAtOnce_resetOnceAndAuditOnce() throws Exception {
    SessionKey enrolling = SessionToken.random().key();
    totp.savePending(alice.id(), enrolling, "v1:secret", clock.now());
    totp.confirm(alice.id(), enrolling, "v1:secret", 100, List.of("a".repeat(64)));
    Callable<TwoFactorResetResult> reset =
        () -> service.reset(new OperatorCommand(admin, alice.id()));

    List<TwoFactorResetResult> results = AtOnce.run(List.of(reset, reset, reset, reset));

    assertThat(results)
        .containsOnlyOnce(new TwoFactorResetResult.Reset(alice, NoticeEmail.SENT))
        .containsOnly(
            new TwoFactorResetResult.Reset(alice, NoticeEmail.SENT),
            new TwoFactorResetResult.NothingToReset(alice));
    assertThat(audit.all())
        .singleElement()
        .extracting(event -> event.type())
        .isEqualTo(AuditEventType.TWO_FACTOR_RESET);
  }

  // --- notices by e-mail ---------------------------------------------------------------------

  @Test
  void update_ofTheEmailAddress_tellsTheOldAndTheNewAddress() {
    OperatorChangeResult result = update(alice, "alice@new.example", "Alice", "operator");

    assertThat(result)
        .isInstanceOfSatisfying(
            Changed.class, changed -> assertThat(changed.notice()).isEqualTo(NoticeEmail.SENT));
    assertThat(mailer.sent())
        .extracting(OutgoingMail::to)
        .containsExactly(alice.email(), new EmailAddress("alice@new.example"));
    assertThat(mailer.sent())
        .allSatisfy(
            mail -> {
              assertThat(mail.subject()).isEqualTo("SupportPro: your e-mail address was changed");
              assertThat(mail.body())
                  .contains(
                      "The e-mail address was changed from "
                          + alice.email()
                          + " to alice@new.example for your SupportPro account \"alice\"")
                  .contains("by the administrator \"root\"");
            });
  }

  @Test
  void update_ofTheNameOrRoleOnly_sendsNothing() {
    update(alice, alice.email().value(), "Alice L.", "administrator");

    assertThat(mailer.sent()).isEmpty();
  }

  @Test
  void update_whenOneOfTheTwoNoticesFails_isStoredAndSaysSo() {
    mailer.answer(MailDelivery.FAILED);

    OperatorChangeResult result = update(alice, "alice@new.example", "Alice", "operator");

    assertThat(result)
        .isInstanceOfSatisfying(
            Changed.class, changed -> assertThat(changed.notice()).isEqualTo(NoticeEmail.FAILED));
    assertThat(stored(alice).email()).isEqualTo(new EmailAddress("alice@new.example"));
  }

  @Test
  void resetTwoFactor_tellsTheOperator_unlessNoMailServerIsConfigured() {
    enrol(alice);
    service.reset(new OperatorCommand(admin, alice.id()));
    mailer.answer(MailDelivery.NOT_CONFIGURED);
    enrol(alice);
    TwoFactorResetResult quiet = service.reset(new OperatorCommand(admin, alice.id()));

    assertThat(mailer.sent()).hasSize(1);
    assertThat(mailer.sent().getFirst().body())
        .contains("Two-factor authentication was reset")
        .contains("by the administrator \"root\"");
    assertThat(quiet).isEqualTo(new TwoFactorResetResult.Reset(alice, NoticeEmail.NONE));
  }

  private void enrol(Operator operator) {
    SessionKey enrolling = SessionToken.random().key();
    totp.savePending(operator.id(), enrolling, "v1:secret", clock.now());
    totp.confirm(operator.id(), enrolling, "v1:secret", 100, List.of("a".repeat(64)));
  }

  /** The English sentence of each refused field. */
  private static Map<OperatorField, String> messages(OperatorChangeResult result) {
    return ((Invalid) result)
        .problems().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().message()));
  }
}
