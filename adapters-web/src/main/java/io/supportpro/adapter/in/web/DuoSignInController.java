package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.CompleteDuoSignInUseCase;
import io.supportpro.application.port.in.DuoCallbackCommand;
import io.supportpro.application.port.in.DuoCallbackResult;
import io.supportpro.application.port.in.DuoStartResult;
import io.supportpro.application.port.in.StartDuoSignInUseCase;
import java.net.URI;
import java.util.Locale;

/**
 * The Duo step of signing in: a page whose button sends the browser to Duo's Universal Prompt, and
 * the address Duo sends it back to. The redirect to Duo is the only one that leaves the panel, and
 * its address comes from the use case, never from the request.
 */
final class DuoSignInController {
  static final String CALLBACK = "/duo/callback";

  private final StartDuoSignInUseCase start;
  private final CompleteDuoSignInUseCase complete;
  private final Cookies cookies;

  DuoSignInController(
      StartDuoSignInUseCase start, CompleteDuoSignInUseCase complete, Cookies cookies) {
    this.start = start;
    this.complete = complete;
    this.cookies = cookies;
  }

  void register(RoutesConfig routes) {
    routes.get(AccessPolicy.DUO_STEP, this::page, Access.DUO_STEP);
    routes.post(AccessPolicy.DUO_STEP, this::start, Access.DUO_STEP);
    routes.get(CALLBACK, this::callback, Access.DUO_CALLBACK);
  }

  private void page(Context ctx) {
    String next = SafeNext.of(Params.query(ctx).text("next"));
    Pages.render(
        ctx,
        200,
        "duo",
        Pages.model("next", next, "csrf", Visitor.required(ctx).session().csrfToken()));
  }

  private void start(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    String next = SafeNext.of(Params.form(ctx).text("next"));
    switch (start.start(visitor.token(), ctx.ip(), next)) {
      case DuoStartResult.Redirect redirect -> Pages.seeOther(ctx, toDuo(redirect.location()));
      case DuoStartResult.SignedInWithoutDuo signedIn -> {
        cookies.setSession(ctx, signedIn.token());
        Pages.seeOther(ctx, withNotice(next, Notice.DUO_SKIPPED));
      }
      case DuoStartResult.Refused refused -> {
        // The use case has ended the half-signed-in session.
        cookies.clearSession(ctx);
        Visitor.detach(ctx);
        throw Halt.page(
            refused.reason() == DuoStartResult.Reason.DUO_UNAVAILABLE ? 503 : 403,
            "You cannot sign in right now",
            refused.message(),
            AccessPolicy.SIGN_IN,
            "Sign in again");
      }
      case DuoStartResult.SessionEnded ended -> Codes.startAgain(ctx, cookies);
    }
  }

  /**
   * Duo sends the browser back here with GET, with or without the session that went there: a state
   * that is not this browser's is answered with a message, not a sign-in form.
   */
  private void callback(Context ctx) {
    Params query = Params.query(ctx);
    String code = query.optional("duo_code").orElse(query.text("code"));
    var command =
        new DuoCallbackCommand(
            cookies.sessionToken(ctx),
            query.text("state"),
            code,
            query.text("error"),
            query.text("error_description"),
            ctx.ip());
    switch (complete.complete(command)) {
      case DuoCallbackResult.SignedIn signedIn -> {
        cookies.setSession(ctx, signedIn.token());
        // Checked again on the way out: the stored page came from a form.
        Pages.seeOther(ctx, SafeNext.of(signedIn.returnTo()));
      }
      // The first arrival of this callback sets the new cookie; this one leaves it alone.
      case DuoCallbackResult.Duplicate duplicate ->
          Pages.seeOther(ctx, SafeNext.of(duplicate.returnTo()));
      case DuoCallbackResult.Rejected rejected -> {
        forgetEndedSignIn(ctx, rejected.endedSignIn());
        throw Halt.page(
            rejected.reason() == DuoCallbackResult.Reason.DUO_UNAVAILABLE ? 503 : 403,
            "You are not signed in",
            rejected.message(),
            AccessPolicy.SIGN_IN,
            "Sign in again");
      }
      case DuoCallbackResult.Throttled throttled -> {
        forgetEndedSignIn(ctx, throttled.endedSignIn());
        throw Halt.page(
            429,
            "You are not signed in",
            Pages.retryAfter(ctx, throttled.retryAfter()),
            AccessPolicy.SIGN_IN,
            "Sign in again");
      }
    }
  }

  /**
   * Clears the cookie of the sign-in a refused callback ended. Any other cookie stays: a full
   * session's, and one whose waiting session had already gone, since an earlier arrival of the same
   * callback may have completed that sign-in and given the browser a new cookie of the same name.
   */
  private void forgetEndedSignIn(Context ctx, boolean ended) {
    if (ended) {
      cookies.clearSession(ctx);
      Visitor.detach(ctx);
    }
  }

  /** Duo's address as the use case gave it; anything but an absolute web address is a fault. */
  private static String toDuo(URI location) {
    String scheme =
        location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
    if (!location.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalStateException("the Duo prompt's address is not a web address");
    }
    return location.toASCIIString();
  }

  private static String withNotice(String next, Notice notice) {
    return next + (next.contains("?") ? "&" : "?") + notice.query().substring(1);
  }
}
