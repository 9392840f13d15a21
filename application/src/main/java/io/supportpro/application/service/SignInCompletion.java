package io.supportpro.application.service;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.SessionStore;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The last step of every sign-in that needed more than the password: the session is signed in fully
 * under a new token (its id changes whenever it gains privileges) and the sign-in audited.
 */
final class SignInCompletion {
  private final SessionStore sessions;
  private final AuditLog audit;

  SignInCompletion(SessionStore sessions, AuditLog audit) {
    this.sessions = sessions;
    this.audit = audit;
  }

  /** A session signed in fully under a new token. */
  record Promoted(SessionToken token, Session session) {}

  /**
   * Signs the session in fully under a new token, audited with the details; empty when the session
   * ended meanwhile.
   */
  Optional<Promoted> promote(
      ActiveSession active, String clientAddress, Instant now, Map<String, String> details) {
    SessionToken token = SessionToken.random();
    Session next = active.session().signedInAs(token, now);
    if (!sessions.replace(active.session().key(), next)) {
      return Optional.empty();
    }
    Operator operator = active.operator();
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.SIGN_IN_SUCCEEDED,
            actor(operator, clientAddress),
            operator.id().toString(),
            details));
    return Optional.of(new Promoted(token, next));
  }

  /** The operator acting from the address. */
  static Actor actor(Operator operator, String clientAddress) {
    return Actor.operator(operator.id(), operator.username().value(), clientAddress);
  }
}
