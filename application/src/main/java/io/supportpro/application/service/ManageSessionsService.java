package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.in.EndSessionCommand;
import io.supportpro.application.port.in.EndSessionResult;
import io.supportpro.application.port.in.ManageSessionsUseCase;
import io.supportpro.application.port.in.SessionSummary;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.ClientDescription;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionHandle;
import io.supportpro.domain.session.SessionTimeouts;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Lists an operator's sessions and ends them, for the operator or an administrator. */
public final class ManageSessionsService implements ManageSessionsUseCase {
  private final SessionStore sessions;
  private final SessionTimeouts timeouts;
  private final AuditLog audit;
  private final Clock clock;

  public ManageSessionsService(
      SessionStore sessions, SessionTimeouts timeouts, AuditLog audit, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<List<SessionSummary>> list(ActiveSession viewer, OperatorId whose) {
    if (!mayManage(viewer, whose)) {
      return Optional.empty();
    }
    return Optional.of(
        live(whose).stream().map(session -> summary(session, viewer.session())).toList());
  }

  @Override
  public EndSessionResult end(EndSessionCommand command) {
    ActiveSession viewer = command.viewer();
    if (!mayManage(viewer, command.whose())) {
      return new EndSessionResult.NotAllowed();
    }
    Optional<Session> named =
        live(command.whose()).stream()
            .filter(session -> SessionHandle.of(session.key()).equals(command.handle()))
            .findFirst();
    // Of two requests ending one session, only the one whose delete found it reports and audits.
    if (named.isEmpty() || !sessions.delete(named.get().key())) {
      return new EndSessionResult.NotFound();
    }
    Session ended = named.get();
    record(
        AuditEventType.SESSION_ENDED,
        viewer,
        command.clientAddress(),
        command.whose(),
        Map.of(
            "stage", ended.stage().name().toLowerCase(Locale.ROOT),
            "session_address", ended.client().address(),
            "own", Boolean.toString(ended.key().equals(viewer.session().key()))));
    return new EndSessionResult.Ended(1);
  }

  @Override
  public EndSessionResult endOthers(ActiveSession viewer, String clientAddress) {
    OperatorId operator = viewer.operator().id();
    int ended = sessions.deleteAllOfExcept(operator, viewer.session().key());
    // Ending none may mean that another of this operator's sessions ended this one meanwhile.
    if (ended == 0 && sessions.find(viewer.session().key()).isEmpty()) {
      return new EndSessionResult.NotFound();
    }
    record(
        AuditEventType.OTHER_SESSIONS_ENDED,
        viewer,
        clientAddress,
        operator,
        Map.of("ended_sessions", Integer.toString(ended)));
    return new EndSessionResult.Ended(ended);
  }

  private static boolean mayManage(ActiveSession viewer, OperatorId whose) {
    Operator operator = viewer.operator();
    return operator.id().equals(whose) || operator.isAdministrator();
  }

  private List<Session> live(OperatorId whose) {
    Instant now = clock.now();
    return sessions.listOf(whose).stream()
        .filter(session -> !timeouts.expired(session, now))
        .toList();
  }

  private static SessionSummary summary(Session session, Session viewers) {
    ClientDescription described = session.client().description();
    return new SessionSummary(
        SessionHandle.of(session.key()),
        session.stage(),
        described.browser(),
        described.system(),
        session.client().address(),
        session.createdAt(),
        session.lastSeenAt(),
        session.key().equals(viewers.key()));
  }

  private void record(
      AuditEventType type,
      ActiveSession viewer,
      String clientAddress,
      OperatorId whose,
      Map<String, String> details) {
    Operator actor = viewer.operator();
    audit.append(
        new AuditEvent(
            clock.now(),
            type,
            Actor.operator(actor.id(), actor.username().value(), clientAddress),
            whose.toString(),
            details));
  }
}
