package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.supportpro.application.port.in.CodeCommand;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.TotpSetup;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** What the pages that take a code or show a new authenticator secret share. */
final class Codes {
  /** No authenticator or recovery code is longer. */
  static final int MAX_LENGTH = 64;

  /** Added to a set-up page's address, the form that begins a new setup. */
  static final String BEGIN = "/begin";

  private Codes() {}

  /** A page that takes a code, shown again with a status and what was wrong. */
  @FunctionalInterface
  interface Form {
    void show(Context ctx, int status, String error);
  }

  /**
   * Reads the posted code, hands it to the action and answers: {@code accepted} on success, the
   * form again with {@code rejectedStatus} for a wrong code, 429 while throttled, 400 for a code
   * that cannot be one or an action that does not apply, 503 while the code cannot be checked, and
   * a fresh sign-in when the session ended.
   */
  static void submit(
      Context ctx,
      Cookies cookies,
      Function<CodeCommand, CodeResult> action,
      Form form,
      int rejectedStatus,
      Consumer<CodeResult.Accepted> accepted) {
    String code = Params.form(ctx).text("code");
    Optional<String> problem = FieldCheck.problem(Texts.of(ctx), code, MAX_LENGTH);
    if (problem.isPresent()) {
      form.show(ctx, 400, problem.get());
      return;
    }
    switch (action.apply(new CodeCommand(Visitor.required(ctx).token(), code, ctx.ip()))) {
      case CodeResult.Accepted done -> accepted.accept(done);
      case CodeResult.Rejected rejected ->
          form.show(ctx, rejectedStatus, Texts.of(ctx).keyOrText(rejected.message()));
      case CodeResult.Throttled throttled ->
          form.show(ctx, 429, Pages.retryAfter(ctx, throttled.retryAfter()));
      case CodeResult.SessionEnded ended -> startAgain(ctx, cookies);
      case CodeResult.NotApplicable notApplicable ->
          form.show(ctx, 400, ProblemTexts.in(Texts.of(ctx), notApplicable.problem()));
      case CodeResult.Unavailable unavailable ->
          form.show(ctx, 503, Texts.of(ctx).keyOrText(unavailable.message()));
    }
  }

  /** The sign-in is over: forget the cookie and start again from the sign-in form. */
  static void startAgain(Context ctx, Cookies cookies) {
    cookies.clearSession(ctx);
    Pages.seeOther(ctx, AccessPolicy.SIGN_IN + Notice.SIGN_IN_ENDED.query());
  }

  /** The secret in groups of four, as people type it into an app by hand. */
  static String grouped(String secret) {
    var groups = new StringBuilder(secret.length() + secret.length() / 4);
    for (int i = 0; i < secret.length(); i += 4) {
      if (i > 0) {
        groups.append(' ');
      }
      groups.append(secret, i, Math.min(i + 4, secret.length()));
    }
    return groups.toString();
  }

  /** Serves the QR code of the setup. */
  static void qr(Context ctx, TotpSetup setup) {
    ctx.contentType("image/png").result(QrCodes.png(setup.provisioningUri()));
  }

  /** The page that shows new recovery codes, once. */
  static void showRecoveryCodes(Context ctx, CodeResult.Accepted accepted, String continueTo) {
    Pages.render(
        ctx,
        200,
        "recovery-codes",
        Pages.model(
            "section",
            "account",
            "codes",
            accepted.recoveryCodes(),
            "continueTo",
            continueTo,
            "notice",
            Notice.mailFailed(Texts.of(ctx), accepted.notice())));
  }

  /**
   * The page that shows the authenticator secret being set up and asks for its first code; while
   * none is set up yet ({@code setup} null), it offers a button that begins one.
   */
  static void showSetup(
      Context ctx,
      int status,
      TotpSetup setup,
      String action,
      String qrAddress,
      String next,
      String cancel,
      String error) {
    Pages.render(
        ctx,
        status,
        "enrol",
        Pages.model(
            "section",
            "account",
            "secret",
            setup == null ? null : grouped(setup.secret()),
            "action",
            action,
            "begin",
            action + BEGIN,
            "qr",
            qrAddress,
            "next",
            next,
            "cancel",
            cancel,
            "csrf",
            Visitor.required(ctx).session().csrfToken(),
            "error",
            error,
            // Before the setup begins there is no field: the error is the page's alert.
            "errors",
            Pages.fieldError("code", setup == null ? null : error),
            "forced",
            !Visitor.required(ctx).session().signedIn()));
  }
}
