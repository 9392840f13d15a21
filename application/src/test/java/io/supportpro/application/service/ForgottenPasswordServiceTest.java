package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.PasswordField;
import io.supportpro.application.port.in.RequestPasswordResetCommand;
import io.supportpro.application.port.in.RequestPasswordResetResult;
import io.supportpro.application.port.in.ResetLinkStatus;
import io.supportpro.application.port.in.ResetPasswordByLinkCommand;
import io.supportpro.application.port.in.ResetPasswordByLinkResult;
import io.supportpro.application.port.in.ResetPasswordCommand;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryFailedAttempts;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPasswordResetLinks;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.application.testing.RecordingMailer;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForgottenPasswordServiceTest {
  private static final Password OLD = new Password("old horse battery 42");
  private static final Password NEW = new Password("new staple lantern 77");
  private static final String ADDRESS = "192.0.2.7";
  private static final Pattern LINK =
      Pattern.compile("https://panel\\.example/login/reset\\?token=([A-Za-z0-9_-]+)");

  private final Operator alice = operator("alice");
  private final Operator gone = operator("gone").withActive(false);
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final InMemoryPasswordResetLinks links =
      new InMemoryPasswordResetLinks(id -> operators.findById(id).isPresent());
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryFailedAttempts attempts = new InMemoryFailedAttempts();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final RecordingMailer mailer = new RecordingMailer();
  private final List<Runnable> handedOver = new ArrayList<>();
  private Executor mailing = Runnable::run;
  private final ForgottenPasswordService service =
      new ForgottenPasswordService(
          operators,
          links,
          hasher,
          PasswordPolicy.standard(),
          sessions,
          attempts,
          ThrottlePolicy.DEFAULT,
          mailer,
          task -> {
            handedOver.add(task);
            mailing.execute(task);
          },
          URI.create("https://panel.example"),
          audit,
          clock);

  @BeforeEach
  void setUp() {
    operators.add(alice, hasher.hash(OLD));
    operators.add(gone, hasher.hash(OLD));
  }

  private RequestPasswordResetResult request(String login) {
    return request(login, ADDRESS);
  }

  private RequestPasswordResetResult request(String login, String from) {
    return service.request(new RequestPasswordResetCommand(login, from));
  }

  /** The token of the link in the last mail sent. */
  private String lastToken() {
    Matcher link = LINK.matcher(mailer.sent().getLast().body());
    assertThat(link.find()).as("a link in the mail").isTrue();
    return link.group(1);
  }

  private ResetPasswordByLinkResult reset(String token, Password chosen, Password repeated) {
    return service.reset(new ResetPasswordByLinkCommand(token, chosen, repeated, ADDRESS));
  }

  private SessionToken signedIn(Operator who) {
    SessionToken token = SessionToken.random();
    sessions.create(Session.begin(token, who.id(), SecondFactor.NONE, clock.now()));
    return token;
  }

  private List<AuditEvent> events(AuditEventType type) {
    return audit.all().stream().filter(e -> e.type() == type).toList();
  }

  @Test
  void request_mailsAWorkingLinkToTheAccountsAddress() {
    assertThat(request("alice")).isEqualTo(new RequestPasswordResetResult.Accepted());

    OutgoingMail mail = mailer.sent().getFirst();
    assertThat(mail.to()).isEqualTo(new EmailAddress("alice@example.com"));
    assertThat(mail.body()).contains("30 minutes");
    String token = lastToken();
    assertThat(token).hasSize(43);
    assertThat(service.check(token)).isEqualTo(new ResetLinkStatus.Usable(alice.username()));
    assertThat(events(AuditEventType.PASSWORD_RESET_LINK_REQUESTED))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.PASSWORD_RESET_LINK_REQUESTED,
                Actor.anonymous("alice", ADDRESS),
                alice.id().toString(),
                Map.of("outcome", "sent")));
    assertThat(audit.all().toString()).doesNotContain(token);
  }

  @Test
  void request_findsTheAccountByItsEMailAddressInAnyCase() {
    request("  Alice@Example.COM ");

    assertThat(mailer.sent()).singleElement().extracting(OutgoingMail::to).isEqualTo(alice.email());
  }

  @Test
  void request_forAnUnknownOrInactiveAccount_sendsNothingAndAnswersTheSame() {
    var known = request("alice");

    assertThat(request("nobody")).isEqualTo(known);
    assertThat(request("gone")).isEqualTo(known);
    assertThat(request("")).isEqualTo(known);
    assertThat(request("x".repeat(10_000))).isEqualTo(known);

    assertThat(mailer.sent()).hasSize(1);
    assertThat(events(AuditEventType.PASSWORD_RESET_LINK_REQUESTED))
        .extracting(e -> e.details().get("outcome"))
        .containsExactly("sent", "unknown", "inactive", "unknown", "unknown");
  }

  @Test
  void request_handsTheSameWorkOverWhateverTheName_andSendsNothingOnTheCallersThread() {
    List<Runnable> queued = new ArrayList<>();
    mailing = queued::add;

    request("alice");
    request("nobody");
    request("gone");

    // Each request handed one task over, and the caller's thread stored and sent nothing.
    assertThat(handedOver).hasSize(3);
    assertThat(mailer.sent()).isEmpty();
    assertThat(events(AuditEventType.PASSWORD_RESET_LINK_REQUESTED)).isEmpty();
    queued.forEach(Runnable::run);
    assertThat(mailer.sent()).singleElement().extracting(OutgoingMail::to).isEqualTo(alice.email());
    assertThat(service.check(lastToken())).isInstanceOf(ResetLinkStatus.Usable.class);
  }

  @Test
  void request_whenTheHandOverIsFull_answersTheSameAndRecordsIt() {
    mailing =
        task -> {
          throw new RejectedExecutionException("full");
        };

    assertThat(request("alice")).isEqualTo(new RequestPasswordResetResult.Accepted());

    assertThat(mailer.sent()).isEmpty();
    assertThat(events(AuditEventType.PASSWORD_RESET_LINK_REQUESTED))
        .extracting(e -> e.details().get("outcome"))
        .containsExactly("busy");
  }

  @Test
  void request_withoutAMailServer_isUnavailableAndSendsNothing() {
    mailer.answer(MailDelivery.NOT_CONFIGURED);

    assertThat(service.available()).isFalse();
    assertThat(request("alice")).isEqualTo(new RequestPasswordResetResult.Unavailable());
    assertThat(mailer.sent()).isEmpty();
    assertThat(links.find(alice.id().toString())).isEmpty();
  }

  @Test
  void request_whenTheServerFailsToSend_isAnsweredTheSameAndAudited() {
    mailer.answer(MailDelivery.FAILED);

    assertThat(request("alice")).isEqualTo(new RequestPasswordResetResult.Accepted());

    assertThat(events(AuditEventType.PASSWORD_RESET_LINK_REQUESTED))
        .extracting(e -> e.details().get("outcome"))
        .containsExactly("failed");
  }

  @Test
  void request_fromOneAddressTooOften_isToldToWaitWhateverTheName() {
    int allowed = ThrottlePolicy.DEFAULT.freeAddressFailures();
    for (int i = 0; i < allowed; i++) {
      assertThat(request("name" + i)).isEqualTo(new RequestPasswordResetResult.Accepted());
    }

    var known = request("alice");
    var unknown = request("nobody");

    assertThat(known).isInstanceOf(RequestPasswordResetResult.Throttled.class);
    assertThat(unknown).isEqualTo(known);
    assertThat(mailer.sent()).isEmpty();
    assertThat(events(AuditEventType.SIGN_IN_THROTTLED)).isNotEmpty();
    assertThat(request("alice", "198.51.100.1"))
        .isEqualTo(new RequestPasswordResetResult.Accepted());
  }

  @Test
  void request_pastAnAccountsAllowance_answersTheSameAndSendsNoMore() {
    int allowed = ThrottlePolicy.DEFAULT.freeAccountFailures();
    for (int i = 0; i < allowed; i++) {
      request(i % 2 == 0 ? "alice" : "alice@example.com", "198.51.100." + i);
      request("nobody", "198.51.100." + i);
    }
    assertThat(mailer.sent()).hasSize(allowed);

    assertThat(request("alice", "203.0.113.1"))
        .isEqualTo(new RequestPasswordResetResult.Accepted());
    assertThat(request("nobody", "203.0.113.1"))
        .isEqualTo(new RequestPasswordResetResult.Accepted());

    assertThat(mailer.sent()).hasSize(allowed);
    assertThat(events(AuditEventType.SIGN_IN_THROTTLED)).hasSize(2);
  }

  @Test
  void link_worksFor30MinutesOnly() {
    request("alice");
    String token = lastToken();

    clock.advance(ForgottenPasswordService.LINK_LIFETIME.minusSeconds(1));
    assertThat(service.check(token)).isInstanceOf(ResetLinkStatus.Usable.class);

    clock.advance(Duration.ofSeconds(1));
    assertThat(service.check(token)).isEqualTo(new ResetLinkStatus.Unusable());
    assertThat(reset(token, NEW, NEW)).isEqualTo(new ResetPasswordByLinkResult.Unusable());
    assertThat(hasher.matches(OLD, operators.findAccount(alice.id()).orElseThrow().passwordHash()))
        .isTrue();
  }

  @Test
  void aNewLink_replacesTheEarlierOne() {
    request("alice");
    String first = lastToken();
    request("alice");
    String second = lastToken();

    assertThat(second).isNotEqualTo(first);
    assertThat(service.check(first)).isEqualTo(new ResetLinkStatus.Unusable());
    assertThat(service.check(second)).isInstanceOf(ResetLinkStatus.Usable.class);
  }

  @Test
  void reset_setsThePasswordClearsAForcedChangeEndsEverySessionAuditsAndNotifies() {
    operators.setPassword(alice.id(), hasher.hash(OLD), true);
    SessionToken one = signedIn(alice);
    SessionToken two = signedIn(alice);
    request("alice");
    String token = lastToken();

    assertThat(reset(token, NEW, NEW)).isEqualTo(new ResetPasswordByLinkResult.Changed(2));

    var account = operators.findAccount(alice.id()).orElseThrow();
    assertThat(hasher.matches(NEW, account.passwordHash())).isTrue();
    assertThat(account.mustChangePassword()).isFalse();
    assertThat(sessions.find(one.key())).isEmpty();
    assertThat(sessions.find(two.key())).isEmpty();
    assertThat(events(AuditEventType.PASSWORD_RESET_BY_LINK))
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.PASSWORD_RESET_BY_LINK,
                Actor.operator(alice.id(), "alice", ADDRESS),
                alice.id().toString(),
                Map.of("ended_sessions", "2")));
    OutgoingMail notice = mailer.sent().getLast();
    assertThat(notice.to()).isEqualTo(alice.email());
    assertThat(notice.subject()).contains("password was changed");
    assertThat(notice.body()).contains(ADDRESS).doesNotContain("token");
  }

  @Test
  void request_withAnEmptyLogin_countsAgainstTheAddressOnly() {
    request("   ");

    assertThat(attempts.find(List.of(ThrottleKey.account("")))).isEmpty();
    assertThat(attempts.find(List.of(ThrottleKey.address(ADDRESS))))
        .singleElement()
        .satisfies(s -> assertThat(s.failures()).isEqualTo(1));
  }

  @Test
  void reset_clearsWhatWasCountedAgainstTheAccount() {
    int allowed = ThrottlePolicy.DEFAULT.freeAccountFailures();
    for (int i = 0; i < allowed; i++) {
      request("alice", "198.51.100." + i);
    }
    ThrottleKey account = ThrottleKey.account(alice.id().toString());
    assertThat(attempts.find(List.of(account)))
        .singleElement()
        .satisfies(s -> assertThat(s.lockedAt(clock.now())).isTrue());

    reset(lastToken(), NEW, NEW);

    assertThat(attempts.find(List.of(account))).isEmpty();
  }

  @Test
  void reset_worksOnce() {
    request("alice");
    String token = lastToken();
    reset(token, NEW, NEW);

    assertThat(service.check(token)).isEqualTo(new ResetLinkStatus.Unusable());
    assertThat(reset(token, OLD, OLD)).isEqualTo(new ResetPasswordByLinkResult.Unusable());
    assertThat(hasher.matches(NEW, operators.findAccount(alice.id()).orElseThrow().passwordHash()))
        .isTrue();
  }

  @Test
  void reset_refusesAWeakOrUnrepeatedPasswordByField_andKeepsTheLink() {
    request("alice");
    String token = lastToken();

    var weak = (ResetPasswordByLinkResult.Invalid) reset(token, new Password("short"), NEW);

    assertThat(weak.problems()).containsOnlyKeys(PasswordField.CHOSEN, PasswordField.REPEATED);
    assertThat(reset(token, new Password("alice alice alice 1"), new Password("x")))
        .isInstanceOf(ResetPasswordByLinkResult.Invalid.class);
    assertThat(service.check(token)).isInstanceOf(ResetLinkStatus.Usable.class);
    assertThat(reset(token, NEW, NEW)).isInstanceOf(ResetPasswordByLinkResult.Changed.class);
  }

  @Test
  void twoResetsWithOneLinkAtOnce_onlyOneSetsThePassword() throws Exception {
    request("alice");
    String token = lastToken();
    Password other = new Password("other quiet meadow 19");
    List<Callable<ResetPasswordByLinkResult>> both =
        List.of(() -> reset(token, NEW, NEW), () -> reset(token, other, other));

    List<ResetPasswordByLinkResult> results = AtOnce.run(both);

    assertThat(results).filteredOn(ResetPasswordByLinkResult.Changed.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(ResetPasswordByLinkResult.Unusable.class::isInstance).hasSize(1);
    Password winner = results.getFirst() instanceof ResetPasswordByLinkResult.Changed ? NEW : other;
    assertThat(
            hasher.matches(winner, operators.findAccount(alice.id()).orElseThrow().passwordHash()))
        .isTrue();
    assertThat(events(AuditEventType.PASSWORD_RESET_BY_LINK)).hasSize(1);
  }

  @Test
  void aPasswordSetByAnotherRoute_endsTheLink() {
    var passwords =
        new PasswordService(
            operators,
            hasher,
            PasswordPolicy.standard(),
            sessions,
            links,
            attempts,
            ThrottlePolicy.DEFAULT,
            audit,
            new RecordingMailer(),
            clock);
    request("alice");
    String token = lastToken();

    passwords.reset(new ResetPasswordCommand(Actor.system("test"), alice.id(), Optional.empty()));

    assertThat(service.check(token)).isEqualTo(new ResetLinkStatus.Unusable());
  }

  @Test
  void aDeactivatedOperatorsLink_isUnusable() {
    request("alice");
    String token = lastToken();

    operators.update(alice.id(), OperatorChanges.active(false));

    assertThat(service.check(token)).isEqualTo(new ResetLinkStatus.Unusable());
    assertThat(reset(token, NEW, NEW)).isEqualTo(new ResetPasswordByLinkResult.Unusable());
  }

  @Test
  void malformedTokens_areUnusable() {
    for (String token :
        List.of(
            "",
            "short",
            "x".repeat(43) + "x",
            "!".repeat(43),
            "a".repeat(42) + "\u0000",
            "a".repeat(42) + "é",
            "a".repeat(10_000))) {
      assertThat(service.check(token)).isEqualTo(new ResetLinkStatus.Unusable());
      assertThat(reset(token, NEW, NEW)).isEqualTo(new ResetPasswordByLinkResult.Unusable());
    }
    assertThat(service.check(null)).isEqualTo(new ResetLinkStatus.Unusable());
  }
}
