package io.supportpro.adapter.in.web;

import io.javalin.security.RouteRole;
import java.util.Set;

/** The route groups of the panel: each route names who may reach it. */
enum Access implements RouteRole {
  /** Static files and health checks: no session is even looked up. */
  RESOURCE,
  /** Pages for anyone, such as the sign-in form; a session is looked up but not required. */
  PUBLIC,
  /** Signing out: any session, whatever its stage. */
  SIGN_OUT,
  /** The code step: only a session awaiting a code (an authenticator, recovery or plugin code). */
  SECOND_FACTOR,
  /** Forced enrolment: only a session that must add an authenticator app first. */
  ENROLMENT,
  /** The prompt step: only a session whose second factor sends it to a prompt. */
  PROMPT_STEP,
  /**
   * Where a prompt sends the browser back: anyone, with or without a session, so that a callback
   * that does not belong to this browser gets a clear answer rather than a sign-in form. The
   * single-use state kept server-side does what a CSRF token does elsewhere.
   */
  PROMPT_CALLBACK,
  /**
   * Choosing a new password: every signed-in operator, and the only page for one who must choose
   * one after a reset.
   */
  PASSWORD,
  /** What every signed-in operator may see. */
  SIGNED_IN,
  /** The administration pages. */
  ADMINISTRATOR;

  /** The group a route was registered with; a route that names none needs a full sign-in. */
  static Access of(Set<RouteRole> roles) {
    return roles.stream()
        .filter(Access.class::isInstance)
        .map(Access.class::cast)
        .findFirst()
        .orElse(SIGNED_IN);
  }
}
