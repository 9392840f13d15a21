package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.ChangePasswordCommand;
import io.supportpro.application.port.in.ChangePasswordResult;
import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.PasswordField;
import io.supportpro.application.port.in.ResetPasswordCommand;
import io.supportpro.application.port.in.ResetPasswordResult;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.application.port.out.PasswordResetLink;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPasswordResetLinks;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.application.testing.RecordingMailer;
import io.supportpro.domain.Problem;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.operator.ResetToken;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordServiceTest {
  private static final Password OLD = new Password("old horse battery 42");
  private static final Password NEW = new Password("new staple lantern 77");
  private static final String ADDRESS = "192.0.2.7";

  private final Operator root = administrator("root");
  private final Operator alice = operator("alice");
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryPasswordResetLinks links =
      new InMemoryPasswordResetLinks(id -> operators.findById(id).isPresent());
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final RecordingMailer mailer = new RecordingMailer();
  private final PasswordService service =
      new PasswordService(
          operators,
          hasher,
          PasswordPolicy.standard(),
          sessions,
          links,
          new InMemoryFailedAttempts(),
          ThrottlePolicy.DEFAULT,
          audit,
          mailer,
          clock);

  @BeforeEach
  void setUp() {
    operators.add(root, hasher.hash(OLD));
    operators.add(alice, hasher.hash(OLD));
  }

  private SessionToken signedIn(Operator who) {
    SessionToken token = SessionToken.random();
    sessions.create(Session.begin(token, who.id(), SecondFactor.NONE, clock.now()));
    return token;
  }

  private ChangePasswordResult change(SessionToken token, Password current, Password chosen) {
    return service.change(new ChangePasswordCommand(token, current, chosen, chosen, ADDRESS));
  }

  private OperatorAccount account(Operator who) {
    return operators.findAccount(who.id()).orElseThrow();
  }

  private ResetPasswordResult resetToTemporary(Operator who) {
    return service.reset(new ResetPasswordCommand(actingAs(root), who.id(), Optional.empty()));
  }

  @Test
  void change_setsTheNewPasswordEndsOtherSessionsAndIsAudited() {
    SessionToken here = signedIn(alice);
    SessionToken elsewhere = signedIn(alice);
    SessionToken others = signedIn(root);

    assertThat(change(here, OLD, NEW))
        .isEqualTo(new ChangePasswordResult.Changed(1, NoticeEmail.SENT));

    assertThat(hasher.matches(NEW, account(alice).passwordHash())).isTrue();
    assertThat(sessions.find(here.key())).isPresent();
    assertThat(sessions.find(elsewhere.key())).isEmpty();
    assertThat(sessions.find(others.key())).isPresent();
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.PASSWORD_CHANGED,
                Actor.operator(alice.id(), "alice", ADDRESS),
                alice.id().toString(),
                Map.of("after_reset", "false", "ended_sessions", "1")));
  }

  @Test
  void change_refusesAWrongCurrentPasswordAndAuditsIt() {
    SessionToken here = signedIn(alice);

    assertThat(change(here, new Password("not the password at all"), NEW))
        .isEqualTo(
            new ChangePasswordResult.Invalid(
                Map.of(PasswordField.CURRENT, PasswordService.WRONG_CURRENT)));
    assertThat(hasher.matches(OLD, account(alice).passwordHash())).isTrue();
    assertThat(audit.all())
        .extracting(AuditEvent::type)
        .containsExactly(AuditEventType.PASSWORD_CHANGE_FAILED);
  }

  @Test
  void change_throttlesWrongCurrentPasswordsLikeSignInGuesses() {
    SessionToken here = signedIn(alice);
    for (int i = 0; i < ThrottlePolicy.DEFAULT.freeAccountFailures(); i++) {
      change(here, new Password("guess number " + i + " here"), NEW);
    }

    assertThat(change(here, OLD, NEW)).isInstanceOf(ChangePasswordResult.Throttled.class);
    assertThat(hasher.matches(OLD, account(alice).passwordHash())).isTrue();
    assertThat(audit.all()).extracting(AuditEvent::type).contains(AuditEventType.SIGN_IN_THROTTLED);
  }

  @Test
  void change_judgesTheNewPasswordByThePolicyOfNewOperators() {
    SessionToken here = signedIn(alice);

    var result =
        service.change(
            new ChangePasswordCommand(
                here, OLD, new Password("short"), new Password("other"), ADDRESS));

    assertThat(result).isInstanceOf(ChangePasswordResult.Invalid.class);
    assertThat(((ChangePasswordResult.Invalid) result).problems())
        .containsOnlyKeys(PasswordField.CHOSEN, PasswordField.REPEATED);
    assertThat(change(here, OLD, new Password("alice's own password")))
        .isEqualTo(
            new ChangePasswordResult.Invalid(
                Map.of(
                    PasswordField.CHOSEN,
                    Problem.of(
                        Problem.Code.PASSWORD_CONTAINS_USERNAME,
                        "A password cannot contain the username."))));
    assertThat(change(here, OLD, OLD))
        .isEqualTo(
            new ChangePasswordResult.Invalid(
                Map.of(PasswordField.CHOSEN, PasswordService.UNCHANGED)));
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void change_needsAFullySignedInSession() {
    SessionToken half = SessionToken.random();
    sessions.create(Session.begin(half, alice.id(), SecondFactor.TOTP, clock.now()));

    assertThat(change(half, OLD, NEW)).isEqualTo(new ChangePasswordResult.NotSignedIn());
    assertThat(change(SessionToken.random(), OLD, NEW))
        .isEqualTo(new ChangePasswordResult.NotSignedIn());
  }

  @Test
  void reset_setsATemporaryPasswordThatMustBeChangedAndEndsEverySession() {
    SessionToken aliceSession = signedIn(alice);

    var result = (ResetPasswordResult.Reset) resetToTemporary(alice);

    Password temporary = result.temporary().orElseThrow();
    assertThat(hasher.matches(temporary, account(alice).passwordHash())).isTrue();
    assertThat(account(alice).mustChangePassword()).isTrue();
    assertThat(sessions.find(aliceSession.key())).isEmpty();
    AuditEvent event = audit.all().getFirst();
    assertThat(event.type()).isEqualTo(AuditEventType.PASSWORD_RESET);
    assertThat(event.actor()).isEqualTo(actingAs(root));
    assertThat(event.details())
        .isEqualTo(Map.of("username", "alice", "temporary", "true", "ended_sessions", "1"));
    assertThat(event.toString()).doesNotContain(temporary.value());
  }

  private PasswordResetLink linkFor(Operator who) {
    var link =
        new PasswordResetLink(
            ResetToken.random().hash(),
            who.id(),
            clock.now(),
            clock.now().plus(ForgottenPasswordService.LINK_LIFETIME),
            Optional.empty());
    links.replace(link);
    return link;
  }

  @Test
  void change_andReset_endTheResetLinksSentBefore() {
    PasswordResetLink beforeChange = linkFor(alice);
    PasswordResetLink others = linkFor(root);

    change(signedIn(alice), OLD, NEW);

    assertThat(links.find(beforeChange.tokenHash())).isEmpty();
    assertThat(links.find(others.tokenHash())).isPresent();

    PasswordResetLink beforeReset = linkFor(alice);
    resetToTemporary(alice);

    assertThat(links.find(beforeReset.tokenHash())).isEmpty();
  }

  @Test
  void reset_toAChosenPasswordChecksThePolicyAndNeedsNoChange() {
    Actor commandLine = Actor.system("command line");

    assertThat(
            service.reset(
                new ResetPasswordCommand(
                    commandLine, alice.id(), Optional.of(new Password("short")))))
        .isInstanceOf(ResetPasswordResult.Invalid.class);
    assertThat(service.reset(new ResetPasswordCommand(commandLine, alice.id(), Optional.of(NEW))))
        .isEqualTo(new ResetPasswordResult.Reset(alice, Optional.empty(), NoticeEmail.SENT));
    assertThat(hasher.matches(NEW, account(alice).passwordHash())).isTrue();
    assertThat(account(alice).mustChangePassword()).isFalse();
    assertThat(audit.all().getFirst().actor()).isEqualTo(commandLine);
    assertThat(
            service.reset(
                new ResetPasswordCommand(commandLine, OperatorId.random(), Optional.empty())))
        .isEqualTo(new ResetPasswordResult.NotFound());
  }

  @Test
  void afterReset_theNewPasswordIsChosenWithoutTheTemporaryOneAndClearsTheFlag() {
    var reset = (ResetPasswordResult.Reset) resetToTemporary(alice);
    Password temporary = reset.temporary().orElseThrow();
    SessionToken here = signedIn(alice);

    assertThat(change(here, new Password(""), temporary))
        .isEqualTo(
            new ChangePasswordResult.Invalid(
                Map.of(PasswordField.CHOSEN, PasswordService.UNCHANGED)));
    assertThat(change(here, new Password(""), NEW))
        .isEqualTo(new ChangePasswordResult.Changed(0, NoticeEmail.SENT));

    assertThat(account(alice).mustChangePassword()).isFalse();
    assertThat(hasher.matches(NEW, account(alice).passwordHash())).isTrue();
    assertThat(audit.all().getLast().details()).containsEntry("after_reset", "true");
  }

  @Test
  void twoChangesAtOnce_fromTwoSessions_onlyOneWins() throws Exception {
    SessionToken first = signedIn(alice);
    SessionToken second = signedIn(alice);
    Password other = new Password("other meadow copper 19");

    List<ChangePasswordResult> results =
        AtOnce.run(List.of(() -> change(first, OLD, NEW), () -> change(second, OLD, other)));

    // The other finds its session ended, or its current password no longer the current one.
    assertThat(results).filteredOn(ChangePasswordResult.Changed.class::isInstance).hasSize(1);
    Password kept = results.get(0) instanceof ChangePasswordResult.Changed ? NEW : other;
    assertThat(hasher.matches(kept, account(alice).passwordHash())).isTrue();
    assertThat(audit.all())
        .extracting(AuditEvent::type)
        .containsOnlyOnce(AuditEventType.PASSWORD_CHANGED);
  }

  @Test
  void changeAndResetAtOnce_neitherUndoesTheOther() throws Exception {
    SessionToken here = signedIn(alice);

    List<Object> results =
        AtOnce.run(
            List.<java.util.concurrent.Callable<Object>>of(
                () -> change(here, OLD, NEW), () -> resetToTemporary(alice)));

    var reset = (ResetPasswordResult.Reset) results.get(1);
    OperatorAccount after = account(alice);
    if (results.get(0) instanceof ChangePasswordResult.Changed) {
      // The change came first: the reset replaced it and ended the session.
      assertThat(hasher.matches(NEW, after.passwordHash())).isFalse();
    } else {
      assertThat(results.get(0)).isEqualTo(new ChangePasswordResult.NotSignedIn());
    }
    assertThat(hasher.matches(reset.temporary().orElseThrow(), after.passwordHash())).isTrue();
    assertThat(after.mustChangePassword()).isTrue();
    assertThat(sessions.find(here.key())).isEmpty();
  }

  // --- notices by e-mail ---------------------------------------------------------------------

  @Test
  void change_tellsTheOperatorWhenAndFromWhichAddressAndBrowser() {
    SessionToken token = SessionToken.random();
    sessions.create(
        Session.begin(
            token,
            alice.id(),
            SecondFactor.NONE,
            clock.now(),
            new SessionClient(
                ADDRESS,
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")));

    assertThat(change(token, OLD, NEW))
        .isEqualTo(new ChangePasswordResult.Changed(0, NoticeEmail.SENT));

    OutgoingMail mail = mailer.sent().getFirst();
    assertThat(mailer.sent()).hasSize(1);
    assertThat(mail.to()).isEqualTo(alice.email());
    assertThat(mail.subject()).isEqualTo("SupportPro: your password was changed");
    assertThat(mail.body())
        .startsWith("Hello " + alice.displayName().value() + ",")
        .contains("The password was changed for your SupportPro account \"alice\"")
        .contains("UTC, by you, from the address " + ADDRESS + " (Firefox on Linux).")
        .contains("If this was not you")
        .doesNotContain(NEW.value());
  }

  @Test
  void reset_byAnAdministratorOrTheCommandLine_tellsTheOperatorWhoDidIt() {
    resetToTemporary(alice);
    service.reset(
        new ResetPasswordCommand(Actor.system("command line"), alice.id(), Optional.of(NEW)));

    assertThat(mailer.sent()).extracting(OutgoingMail::to).containsOnly(alice.email());
    assertThat(mailer.sent().get(0).body()).contains("by the administrator \"root\", from");
    assertThat(mailer.sent().get(1).body()).contains("on the server itself (command line).");
    assertThat(mailer.sent()).allSatisfy(m -> assertThat(m.body()).doesNotContain(NEW.value()));
  }

  @Test
  void withoutAMailServer_nothingIsSent() {
    mailer.answer(MailDelivery.NOT_CONFIGURED);

    assertThat(change(signedIn(alice), OLD, NEW))
        .isEqualTo(new ChangePasswordResult.Changed(0, NoticeEmail.NONE));
    assertThat(resetToTemporary(root))
        .isInstanceOfSatisfying(
            ResetPasswordResult.Reset.class,
            reset -> assertThat(reset.notice()).isEqualTo(NoticeEmail.NONE));
    assertThat(mailer.sent()).isEmpty();
  }

  @Test
  void aMailServerThatFails_stillChangesThePassword_andSaysSo() {
    mailer.answer(MailDelivery.FAILED);

    assertThat(change(signedIn(alice), OLD, NEW))
        .isEqualTo(new ChangePasswordResult.Changed(0, NoticeEmail.FAILED));
    assertThat(hasher.matches(NEW, account(alice).passwordHash())).isTrue();
    assertThat(audit.all()).extracting(AuditEvent::type).contains(AuditEventType.PASSWORD_CHANGED);
  }
}
