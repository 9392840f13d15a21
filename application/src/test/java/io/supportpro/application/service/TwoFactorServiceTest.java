package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.CodeResult.Accepted;
import io.supportpro.application.port.in.CodeResult.NotApplicable;
import io.supportpro.application.port.in.CodeResult.Rejected;
import io.supportpro.application.port.in.CodeResult.SessionEnded;
import io.supportpro.application.port.in.CodeResult.Throttled;
import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.SignInResult.SessionStarted;
import io.supportpro.application.port.in.TotpSetup;
import io.supportpro.application.port.in.TwoFactorStatus;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.application.testing.RecordingMailer;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.secondfactor.RecoveryCode;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.secondfactor.TotpSecret;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionToken;
import io.supportpro.domain.throttle.ThrottlePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TwoFactorServiceTest extends CodeServiceTestBase {
  private static final String NOTHING_PENDING =
      "No set-up of an authenticator app is waiting in this browser, or it was begun more than"
          + " 10 minutes ago; start the set-up again.";

  private final RecordingMailer mailer = new RecordingMailer();
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
          mailer,
          operators,
          clock);

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
        .extracting(TwoFactorServiceTest::sentence)
        .isEqualTo((NOTHING_PENDING));
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
        .extracting(TwoFactorServiceTest::sentence)
        .isEqualTo((NOTHING_PENDING));
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
        .extracting(TwoFactorServiceTest::sentence)
        .isEqualTo((NOTHING_PENDING));
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
        .extracting(TwoFactorServiceTest::sentence)
        .isEqualTo((NOTHING_PENDING));
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

    assertThat(sentence(result))
        .isEqualTo(
            "Two-factor authentication is required for every operator, so it cannot be"
                + " turned off.");
    assertThat(totp.find(ada.id()).orElseThrow().confirmed()).isTrue();
    assertThat(lastUsedStep()).isEqualTo(before);
    assertThat(auditTypes()).doesNotContain(AuditEventType.TOTP_DISABLED);
  }

  @Test
  void disable_nothingToTurnOffWithoutAnApp() {
    SessionToken token = signIn();

    assertThat(service.disable(command(token, "123456")))
        .extracting(TwoFactorServiceTest::sentence)
        .isEqualTo(("Two-factor authentication is not turned on."));
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

  // --- notices by e-mail ---------------------------------------------------------------------

  private SessionToken signedInWithApp(Enrolled enrolled) {
    SessionToken current = ((Accepted) pass(signIn(), code(enrolled.secret()))).token();
    clock.advance(Duration.ofSeconds(30));
    return current;
  }

  @Test
  void confirm_tellsTheOperatorAnAppWasSetUp() {
    SessionToken token = signIn();
    TotpSetup setup = service.begin(token, ADDRESS).orElseThrow();

    Accepted accepted = (Accepted) service.confirm(command(token, code(setup)));

    assertThat(accepted.notice()).isEqualTo(NoticeEmail.SENT);
    assertThat(mailer.sent())
        .singleElement()
        .satisfies(
            mail -> {
              assertThat(mail.to()).isEqualTo(ada.email());
              assertThat(mail.subject()).isEqualTo("SupportPro: your second factor was changed");
              assertThat(mail.body())
                  .contains("An authenticator app was set up for your SupportPro account \"ada\"")
                  .contains("by you, from the address " + ADDRESS)
                  .doesNotContain(setup.secret());
            });
  }

  @Test
  void disable_tellsTheOperatorTheAppWasRemoved() {
    Enrolled enrolled = enrol(ada);
    SessionToken current = signedInWithApp(enrolled);

    Accepted accepted = (Accepted) service.disable(command(current, code(enrolled.secret())));

    assertThat(accepted.notice()).isEqualTo(NoticeEmail.SENT);
    assertThat(mailer.sent())
        .singleElement()
        .extracting(OutgoingMail::body)
        .asString()
        .contains("The authenticator app was removed from your SupportPro account");
  }

  @Test
  void regenerate_tellsTheOperatorWithoutTheCodes() {
    Enrolled enrolled = enrol(ada);
    SessionToken current = signedInWithApp(enrolled);

    Accepted accepted = (Accepted) service.regenerate(command(current, code(enrolled.secret())));

    assertThat(accepted.notice()).isEqualTo(NoticeEmail.SENT);
    String body = mailer.sent().getFirst().body();
    assertThat(body).contains("New recovery codes were issued");
    assertThat(accepted.recoveryCodes()).allSatisfy(c -> assertThat(body).doesNotContain(c));
  }

  @Test
  void withoutAMailServer_nothingIsSent() {
    mailer.answer(MailDelivery.NOT_CONFIGURED);
    Enrolled enrolled = enrol(ada);

    Accepted accepted =
        (Accepted) service.regenerate(command(signedInWithApp(enrolled), code(enrolled.secret())));

    assertThat(accepted.notice()).isEqualTo(NoticeEmail.NONE);
    assertThat(mailer.sent()).isEmpty();
  }

  @Test
  void aMailServerThatFails_stillRemovesTheApp_andSaysSo() {
    mailer.answer(MailDelivery.FAILED);
    Enrolled enrolled = enrol(ada);

    Accepted accepted =
        (Accepted) service.disable(command(signedInWithApp(enrolled), code(enrolled.secret())));

    assertThat(accepted.notice()).isEqualTo(NoticeEmail.FAILED);
    assertThat(totp.find(ada.id())).isEmpty();
  }

  /** The English sentence of an action that did not apply. */
  private static String sentence(CodeResult result) {
    return ((NotApplicable) result).problem().message();
  }
}
