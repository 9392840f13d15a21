package io.supportpro.adapter.in.web;

import io.supportpro.application.port.in.ActiveSession;
import io.supportpro.domain.session.Session;
import java.util.Optional;

/** Decides whether a request may reach its route, from the route's group and the session. */
final class AccessPolicy {
  static final String SIGN_IN = "/login";
  static final String SECOND_FACTOR_STEP = "/login/second-factor";
  static final String ENROLMENT_STEP = "/login/enrol";
  static final String PROMPT_STEP = "/login/prompt";
  static final String PASSWORD_STEP = "/account/password";

  private AccessPolicy() {}

  /** What to do with the request. */
  sealed interface Decision {
    /** Let it through. */
    record Allow() implements Decision {}

    /** There is no live session: sign in first, then come back. */
    record SignInFirst(String location) implements Decision {}

    /** The session is part-way through sign-in and may only take its next step. */
    record ContinueSignIn(String location) implements Decision {}

    /** The request is for a sign-in step this fully signed-in session has no use for. */
    record Home() implements Decision {}

    /** A signed-in operator without the right to this page. */
    record Forbidden() implements Decision {}
  }

  /**
   * Decides for a request to a route of the group.
   *
   * @param target the path and query asked for, to come back to after sign-in (GET only)
   * @param cookieSent true when the browser sent a session cookie, live or not
   */
  static Decision decide(
      Access access,
      Optional<ActiveSession> visitor,
      boolean isGet,
      String target,
      boolean cookieSent) {
    if (access == Access.RESOURCE || access == Access.PUBLIC || access == Access.PROMPT_CALLBACK) {
      return new Decision.Allow();
    }
    if (visitor.isEmpty()) {
      if (isSignInStep(access)) {
        // A sign-in step is no page to come back to; when its sign-in timed out, say so.
        return new Decision.SignInFirst(SIGN_IN + (cookieSent ? Notice.SIGN_IN_ENDED.query() : ""));
      }
      // Coming back to a POST would replay it; only a page is worth returning to.
      String next = isGet ? SafeNext.of(target) : SafeNext.HOME;
      return new Decision.SignInFirst(SIGN_IN + SafeNext.asQuery(next));
    }
    if (access == Access.SIGN_OUT) {
      return new Decision.Allow();
    }
    Session session = visitor.get().session();
    return switch (session.stage()) {
      case AWAITING_SECOND_FACTOR -> {
        String step = stepOf(session);
        boolean atItsStep =
            (access == Access.SECOND_FACTOR && step.equals(SECOND_FACTOR_STEP))
                || (access == Access.PROMPT_STEP && step.equals(PROMPT_STEP));
        yield atItsStep ? new Decision.Allow() : new Decision.ContinueSignIn(step);
      }
      case AWAITING_ENROLMENT ->
          access == Access.ENROLMENT
              ? new Decision.Allow()
              : new Decision.ContinueSignIn(ENROLMENT_STEP);
      case SIGNED_IN -> signedIn(access, visitor.get());
    };
  }

  private static Decision signedIn(Access access, ActiveSession visitor) {
    if (visitor.mustChangePassword() && access != Access.PASSWORD) {
      // After a reset the operator chooses a new password before anything else.
      return new Decision.ContinueSignIn(PASSWORD_STEP);
    }
    return switch (access) {
      case SECOND_FACTOR, ENROLMENT, PROMPT_STEP -> new Decision.Home();
      case ADMINISTRATOR ->
          visitor.operator().isAdministrator() ? new Decision.Allow() : new Decision.Forbidden();
      case RESOURCE, PUBLIC, PROMPT_CALLBACK, SIGN_OUT, PASSWORD, SIGNED_IN -> new Decision.Allow();
    };
  }

  private static boolean isSignInStep(Access access) {
    return access == Access.SECOND_FACTOR
        || access == Access.ENROLMENT
        || access == Access.PROMPT_STEP;
  }

  /** The page where a session awaiting its second factor passes it. */
  static String stepOf(Session session) {
    return switch (session.secondFactor().kind()) {
      case CODE -> SECOND_FACTOR_STEP;
      case PROMPT -> PROMPT_STEP;
      case ENROLMENT -> ENROLMENT_STEP;
      // A session cannot await a factor it does not need; starting again is the only way on.
      case NONE -> SIGN_IN;
    };
  }
}
