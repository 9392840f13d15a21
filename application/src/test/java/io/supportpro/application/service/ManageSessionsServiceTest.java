package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.EndSessionCommand;
import io.supportpro.application.port.in.EndSessionResult;
import io.supportpro.application.port.in.SessionSummary;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemorySessionStore;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionClient;
import io.supportpro.domain.session.SessionHandle;
import io.supportpro.domain.session.SessionStage;
import io.supportpro.domain.session.SessionTimeouts;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManageSessionsServiceTest {
  private static final String FIREFOX_LINUX =
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
  private static final String SAFARI_IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

  private final Operator root = administrator("root");
  private final Operator alice = operator("alice");
  private final Operator bob = operator("bob");
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final ManageSessionsService service =
      new ManageSessionsService(sessions, SessionTimeouts.DEFAULT, audit, clock);

  private Session begin(Operator operator, SecondFactor factor, String address, String agent) {
    Session session =
        Session.begin(
            SessionToken.random(),
            operator.id(),
            factor,
            clock.now(),
            new SessionClient(address, agent));
    sessions.create(session);
    clock.advance(Duration.ofSeconds(1));
    return session;
  }

  private Session begin(Operator operator) {
    return begin(operator, SecondFactor.NONE, "192.0.2.1", FIREFOX_LINUX);
  }

  private static ActiveSession as(Operator operator, Session session) {
    return new ActiveSession(session, operator, false);
  }

  private EndSessionResult end(Operator viewer, Session from, Operator whose, Session target) {
    return service.end(
        new EndSessionCommand(
            as(viewer, from), whose.id(), SessionHandle.of(target.key()), "198.51.100.9"));
  }

  @Test
  void list_describesEachLiveSessionAndMarksTheViewersOwn() {
    Session here = begin(alice, SecondFactor.NONE, "192.0.2.1", FIREFOX_LINUX);
    Session phone = begin(alice, SecondFactor.TOTP, "2001:db8::2", SAFARI_IPHONE);
    begin(bob);

    List<SessionSummary> listed = service.list(as(alice, here), alice.id()).orElseThrow();

    assertThat(listed)
        .containsExactly(
            new SessionSummary(
                SessionHandle.of(here.key()),
                SessionStage.SIGNED_IN,
                "Firefox",
                "Linux",
                "192.0.2.1",
                here.createdAt(),
                here.lastSeenAt(),
                true),
            new SessionSummary(
                SessionHandle.of(phone.key()),
                SessionStage.AWAITING_SECOND_FACTOR,
                "Safari",
                "iOS",
                "2001:db8::2",
                phone.createdAt(),
                phone.lastSeenAt(),
                false));
  }

  @Test
  void list_leavesOutExpiredSessions() {
    Session old = begin(alice);
    clock.advance(SessionTimeouts.DEFAULT.idle().plusMinutes(1));
    Session here = begin(alice);

    assertThat(service.list(as(alice, here), alice.id()).orElseThrow())
        .extracting(SessionSummary::handle)
        .containsExactly(SessionHandle.of(here.key()))
        .doesNotContain(SessionHandle.of(old.key()));
  }

  @Test
  void list_ofAnotherOperator_onlyForAnAdministrator() {
    Session alices = begin(alice);
    Session bobs = begin(bob);
    Session roots = begin(root);

    assertThat(service.list(as(bob, bobs), alice.id())).isEmpty();
    assertThat(service.list(as(root, roots), alice.id()).orElseThrow())
        .extracting(SessionSummary::handle, SessionSummary::current)
        .containsExactly(tuple(SessionHandle.of(alices.key()), false));
  }

  @Test
  void end_endsTheOperatorsOwnOtherSessionAndAuditsWhoWhoseAndFromWhere() {
    Session here = begin(alice);
    Session other = begin(alice, SecondFactor.TOTP, "203.0.113.5", SAFARI_IPHONE);

    assertThat(end(alice, here, alice, other)).isEqualTo(new EndSessionResult.Ended(1));

    assertThat(sessions.find(other.key())).isEmpty();
    assertThat(sessions.find(here.key())).isPresent();
    AuditEvent event = audit.all().getLast();
    assertThat(event.type()).isEqualTo(AuditEventType.SESSION_ENDED);
    assertThat(event.actor().operator()).contains(alice.id());
    assertThat(event.actor().clientAddress()).isEqualTo("198.51.100.9");
    assertThat(event.subject()).isEqualTo(alice.id().toString());
    assertThat(event.details())
        .isEqualTo(
            Map.of(
                "stage",
                "awaiting_second_factor",
                "session_address",
                "203.0.113.5",
                "own",
                "false"));
  }

  @Test
  void end_anotherOperatorsSession_onlyForAnAdministrator() {
    Session alices = begin(alice);
    Session bobs = begin(bob);
    Session roots = begin(root);

    assertThat(end(bob, bobs, alice, alices)).isEqualTo(new EndSessionResult.NotAllowed());
    assertThat(sessions.find(alices.key())).isPresent();

    assertThat(end(root, roots, alice, alices)).isEqualTo(new EndSessionResult.Ended(1));
    assertThat(sessions.find(alices.key())).isEmpty();
    assertThat(audit.all().getLast().actor().operator()).contains(root.id());
  }

  @Test
  void end_neverEndsASessionOfAnotherOperatorThanTheOneNamed() {
    Session bobs = begin(bob);
    Session roots = begin(root);

    // The handle of Bob's session, sent as if it were one of Alice's.
    assertThat(end(root, roots, alice, bobs)).isEqualTo(new EndSessionResult.NotFound());
    assertThat(end(alice, begin(alice), alice, bobs)).isEqualTo(new EndSessionResult.NotFound());

    assertThat(sessions.find(bobs.key())).isPresent();
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void end_anUnknownOrExpiredSession_isNotFound() {
    Session old = begin(alice);
    clock.advance(SessionTimeouts.DEFAULT.idle().plusMinutes(1));
    Session here = begin(alice);

    assertThat(end(alice, here, alice, old)).isEqualTo(new EndSessionResult.NotFound());
    assertThat(
            service.end(
                new EndSessionCommand(
                    as(alice, here),
                    alice.id(),
                    SessionHandle.of(SessionToken.random().key()),
                    "198.51.100.9")))
        .isEqualTo(new EndSessionResult.NotFound());
  }

  @Test
  void end_twiceAtOnce_endsItOnceAndAuditsOnce() throws Exception {
    Session here = begin(alice);
    Session other = begin(alice);

    List<EndSessionResult> results =
        AtOnce.run(
            List.of(
                () -> end(alice, here, alice, other),
                () -> end(alice, here, alice, other),
                () -> end(alice, here, alice, other)));

    assertThat(results)
        .containsOnlyOnce(new EndSessionResult.Ended(1))
        .containsOnly(new EndSessionResult.Ended(1), new EndSessionResult.NotFound());
    assertThat(audit.all())
        .extracting(AuditEvent::type)
        .containsExactly(AuditEventType.SESSION_ENDED);
  }

  @Test
  void endOthers_endsAllButTheCurrentHalfSignedInOnesIncluded() {
    Session here = begin(alice);
    begin(alice);
    begin(alice, SecondFactor.TOTP, "192.0.2.3", SAFARI_IPHONE);
    Session bobs = begin(bob);

    assertThat(service.endOthers(as(alice, here), "198.51.100.9"))
        .isEqualTo(new EndSessionResult.Ended(2));

    assertThat(sessions.listOf(alice.id())).containsExactly(here);
    assertThat(sessions.find(bobs.key())).isPresent();
    AuditEvent event = audit.all().getLast();
    assertThat(event.type()).isEqualTo(AuditEventType.OTHER_SESSIONS_ENDED);
    assertThat(event.details()).isEqualTo(Map.of("ended_sessions", "2"));
    assertThat(event.actor().clientAddress()).isEqualTo("198.51.100.9");
  }

  @Test
  void endOthers_fromTwoSessionsAtOnce_leavesExactlyOneOfThem() throws Exception {
    for (int round = 0; round < 20; round++) {
      Session first = begin(alice);
      Session second = begin(alice);
      Session third = begin(alice);

      List<EndSessionResult> results =
          AtOnce.run(
              List.of(
                  () -> service.endOthers(as(alice, first), "192.0.2.1"),
                  () -> service.endOthers(as(alice, second), "192.0.2.2")));

      assertThat(results)
          .containsExactlyInAnyOrder(
              new EndSessionResult.Ended(2), new EndSessionResult.NotFound());
      Session survivor = results.get(0) instanceof EndSessionResult.Ended ? first : second;
      assertThat(sessions.listOf(alice.id())).containsExactly(survivor);
      assertThat(sessions.find(third.key())).isEmpty();
      sessions.deleteAllOf(alice.id());
    }
    assertThat(audit.all())
        .extracting(AuditEvent::type)
        .containsOnly(AuditEventType.OTHER_SESSIONS_ENDED)
        .hasSize(20);
  }
}
