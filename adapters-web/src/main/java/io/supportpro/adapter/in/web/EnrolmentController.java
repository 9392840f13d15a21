package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.EnrolTotpUseCase;
import io.supportpro.application.port.in.SignOutUseCase;

/**
 * Forced enrolment during sign-in: while two-factor authentication is required of everyone, an
 * operator without an authenticator app adds one before anything else. The page only reads the
 * setup; a new secret is made by its own form, so that no GET changes anything.
 */
final class EnrolmentController {
  private static final String QR = AccessPolicy.ENROLMENT_STEP + "/qr.png";
  private static final String BEGIN = AccessPolicy.ENROLMENT_STEP + Codes.BEGIN;

  private final EnrolTotpUseCase enrol;
  private final SignOutUseCase signOut;
  private final Cookies cookies;

  EnrolmentController(EnrolTotpUseCase enrol, SignOutUseCase signOut, Cookies cookies) {
    this.enrol = enrol;
    this.signOut = signOut;
    this.cookies = cookies;
  }

  void register(RoutesConfig routes) {
    routes.get(AccessPolicy.ENROLMENT_STEP, this::form, Access.ENROLMENT);
    routes.get(QR, this::qr, Access.ENROLMENT);
    routes.post(BEGIN, this::begin, Access.ENROLMENT);
    routes.post(AccessPolicy.ENROLMENT_STEP, this::confirm, Access.ENROLMENT);
  }

  private void form(Context ctx) {
    String next = SafeNext.of(Params.query(ctx).text("next"));
    show(ctx, 200, next, null);
  }

  private void qr(Context ctx) {
    Codes.qr(ctx, enrol.pending(Visitor.required(ctx).token()).orElseThrow(Halt::notFound));
  }

  private void begin(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    String next = SafeNext.of(Params.form(ctx).text("next"));
    if (enrol.begin(visitor.token(), ctx.ip()).isEmpty()) {
      // Enrolled meanwhile (in another browser, say): this half-finished sign-in cannot go on.
      signOut.signOut(visitor.token(), ctx.ip());
      Codes.startAgain(ctx, cookies);
      return;
    }
    Pages.seeOther(ctx, AccessPolicy.ENROLMENT_STEP + SafeNext.asQuery(next));
  }

  private void confirm(Context ctx) {
    String next = SafeNext.of(Params.form(ctx).text("next"));
    Codes.submit(
        ctx,
        cookies,
        enrol::confirm,
        (context, status, error) -> show(context, status, next, error),
        401,
        accepted -> {
          cookies.setSession(ctx, accepted.token(), accepted.session());
          Codes.showRecoveryCodes(ctx, accepted, next);
        });
  }

  /** The setup begun, or the button that begins one. */
  private void show(Context ctx, int status, String next, String error) {
    var setup = enrol.pending(Visitor.required(ctx).token()).orElse(null);
    Codes.showSetup(ctx, status, setup, AccessPolicy.ENROLMENT_STEP, QR, next, null, error);
  }
}
