package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.util.Optional;

/** The session a request came with, resumed once by the request guard, and its token. */
record Visitor(SessionToken token, ActiveSession active) {
  private static final String ATTRIBUTE = "supportpro.visitor";

  /** The visitor the guard found for this request, if any. */
  static Optional<Visitor> of(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  /** The visitor of a route that the guard only lets sessions reach. */
  static Visitor required(Context ctx) {
    return of(ctx)
        .orElseThrow(
            () -> new IllegalStateException("the guard lets no one here without a session"));
  }

  void attachTo(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }

  /** Forgets the request's visitor, once its session has ended, so the page shows no account. */
  static void detach(Context ctx) {
    ctx.req().removeAttribute(ATTRIBUTE);
  }

  Session session() {
    return active.session();
  }

  Operator operator() {
    return active.operator();
  }

  /** The operator acting from the request's client address, for the audit log. */
  Actor actor(Context ctx) {
    return Actor.operator(operator().id(), operator().username().value(), ctx.ip());
  }
}
